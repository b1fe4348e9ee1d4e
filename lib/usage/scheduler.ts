import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { distributorSettings } from "@/db/schema";
import type { AcronisClient } from "@/lib/acronis";
import { type JobQueue, USAGE_SYNC_QUEUE } from "@/lib/jobs";
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

/**
 * Syncs usage every `usage_sync_interval_minutes` (settings; default 60) and on demand. Each tick sends a
 * job keyed by its time slot, so several processes or a restart within the slot still sync once per slot.
 */
export async function startUsageSyncScheduler(options: {
  db: Db;
  queue: JobQueue;
  acronis: AcronisClient;
  /** How often the interval setting is re-read and the slot's job sent (default 60 s). */
  tickMs?: number;
  queuePollingSeconds?: number;
}): Promise<UsageSyncScheduler> {
  const { db, queue, acronis } = options;
  const workerId = await queue.work(
    USAGE_SYNC_QUEUE,
    { pollingIntervalSeconds: options.queuePollingSeconds ?? 5 },
    async (job) => {
      const result = await runUsageSync(db, acronis, { kind: job.data.kind, now: new Date() });
      if (result.status === "failed") throw new Error(result.errors[0]?.message ?? "usage sync failed");
    },
  );
  const tick = async () => {
    const [settings] = await db
      .select({ minutes: distributorSettings.usageSyncIntervalMinutes })
      .from(distributorSettings)
      .where(eq(distributorSettings.id, 1));
    const minutes = Math.max(1, settings?.minutes ?? 60);
    await queue.send(
      USAGE_SYNC_QUEUE,
      { kind: "scheduled" },
      { singletonKey: "scheduled", singletonSeconds: minutes * 60 },
    );
  };
  let ticking: Promise<void> | null = null;
  const run = () => {
    if (ticking) return;
    ticking = tick()
      .catch((error) => log.error({ err: error }, "[usage] scheduling failed"))
      .finally(() => {
        ticking = null;
      });
  };
  run();
  const timer = setInterval(run, options.tickMs ?? 60_000);
  return {
    requestSync: () => requestUsageSync(queue),
    stop: async () => {
      clearInterval(timer);
      await ticking;
      await queue.offWork(workerId);
    },
  };
}
