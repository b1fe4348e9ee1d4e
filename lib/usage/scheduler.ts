import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { distributorSettings } from "@/db/schema";
import type { AcronisClient, AcronisDirectory } from "@/lib/acronis";
import { afterUsageSync } from "@/lib/alerts";
import { utcDay } from "@/lib/clock";
import { type JobQueue, USAGE_SYNC_QUEUE, USAGE_SYNC_SLOT_QUEUE } from "@/lib/jobs";
import { log } from "@/lib/log";
import { runUsageSync } from "./sync";

export type UsageSyncScheduler = {
  /** On demand (admin button, API): queues a manual sync; returns the pg-boss job id. */
  requestSync(): Promise<string | null>;
  stop(): Promise<void>;
};

/** Queues a manual usage sync (runs on whichever process has the scheduler started). */
export function requestUsageSync(queue: JobQueue): Promise<string | null> {
  return queue.send(USAGE_SYNC_QUEUE, { kind: "manual" });
}

/** The longest slot pg-boss can keep one job for (its default archive interval is 12 hours). */
const MAX_SLOT_MINUTES = 12 * 60;

/**
 * Queues the scheduled sync of the current slot (`usage_sync_interval_minutes`, settings; default 60).
 * Every worker and every minute within a slot send the same job (singleton key and slot), so usage is
 * synced once per slot however many workers run.
 */
export async function sendScheduledUsageSync(db: Db, queue: JobQueue): Promise<string | null> {
  const [settings] = await db
    .select({ minutes: distributorSettings.usageSyncIntervalMinutes })
    .from(distributorSettings)
    .where(eq(distributorSettings.id, 1));
  const minutes = Math.min(MAX_SLOT_MINUTES, Math.max(1, settings?.minutes ?? 60));
  return queue.send(
    USAGE_SYNC_QUEUE,
    { kind: "scheduled" },
    { singletonKey: "scheduled", singletonSeconds: minutes * 60 },
  );
}

/**
 * Runs usage syncs: the scheduled one of each slot and the ones requested on demand. A pg-boss schedule
 * (every minute, evaluated by one worker) sends the slot's job, so a change of the interval setting applies
 * within a minute; the first slot is sent on start.
 */
export async function startUsageSyncScheduler(options: {
  db: Db;
  queue: JobQueue;
  /** One client for every datacenter, or the directory that picks each reseller's. */
  acronis: AcronisClient | AcronisDirectory;
  queuePollingSeconds?: number;
}): Promise<UsageSyncScheduler> {
  const { db, queue, acronis } = options;
  const polling = { pollingIntervalSeconds: options.queuePollingSeconds ?? 5 };
  const syncWorker = await queue.work(USAGE_SYNC_QUEUE, polling, async (job) => {
    const now = new Date();
    const result = await runUsageSync(db, acronis, { kind: job.data.kind, now });
    if (result.status === "failed") throw new Error(result.errors[0]?.message ?? "usage sync failed");
    // Projections and alerts stand on the new usage; their failures are logged, never fail the sync.
    await afterUsageSync(db, utcDay(now));
  });
  const slotWorker = await queue.work(USAGE_SYNC_SLOT_QUEUE, polling, async () => {
    await sendScheduledUsageSync(db, queue);
  });
  await queue.schedule(USAGE_SYNC_SLOT_QUEUE, "* * * * *", {});
  try {
    await sendScheduledUsageSync(db, queue);
  } catch (error) {
    log.error({ err: error }, "[usage] scheduling failed");
  }
  return {
    requestSync: () => requestUsageSync(queue),
    stop: async () => {
      await queue.offWork(slotWorker);
      await queue.offWork(syncWorker);
    },
  };
}
