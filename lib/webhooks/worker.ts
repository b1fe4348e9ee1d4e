import "server-only";
import type { Db } from "@/db/client";
import { type JobQueue, WEBHOOK_DELIVERY_QUEUE } from "@/lib/jobs/queue";
import { log } from "@/lib/log";
import { type DeliveryOptions, deliverDueWebhooks, nextDueAt } from "./deliver";

export type WebhookWorker = {
  /** Queues a delivery pass now (one waits at most; a running one is not repeated). */
  deliverSoon(): Promise<void>;
  stop(): Promise<void>;
};

/** Attempts per job: a long backlog is worked through by a chain of jobs, not one that runs for hours. */
const PER_JOB = 100;

/**
 * Webhook delivery on pg-boss. The rows are the truth (webhook_deliveries: pending, next_attempt_at), a job
 * only wakes a worker to send what is due: a committed event (NOTIFY → deliverSoon), a retry's time (a job
 * sent with `startAfter` for the next due delivery after each pass), and a per-minute sweep that catches
 * whatever a crash or a missed notification left. Any number of workers may run it: each delivery is claimed
 * by one (lib/webhooks/deliver.ts).
 */
export async function startWebhookWorker(options: {
  db: Db;
  queue: JobQueue;
  pollingIntervalSeconds?: number;
  delivery?: DeliveryOptions;
}): Promise<WebhookWorker> {
  const { db, queue } = options;
  const workerId = await queue.work(
    WEBHOOK_DELIVERY_QUEUE,
    { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
    async () => {
      const outcomes = await deliverDueWebhooks(db, { ...options.delivery, limit: PER_JOB });
      if (outcomes.length > 0)
        log.info(
          {
            attempts: outcomes.length,
            delivered: outcomes.filter((o) => o.delivered).length,
            failed: outcomes.filter((o) => o.exhausted).length,
          },
          "[worker] webhook deliveries",
        );
      if (outcomes.length >= PER_JOB) await deliverSoon();
      else await wakeAtNextDue();
    },
  );
  // One waiting job per second of due time (its singleton key): retries due at the same moment share it.
  const wakeAtNextDue = async () => {
    const at = await nextDueAt(db);
    if (!at) return;
    const second = Math.max(Math.ceil(at.getTime() / 1000), Math.ceil(Date.now() / 1000));
    await queue.send(
      WEBHOOK_DELIVERY_QUEUE,
      {},
      { singletonKey: `at:${second}`, startAfter: new Date(second * 1000) },
    );
  };
  const deliverSoon = async () => {
    await queue.send(WEBHOOK_DELIVERY_QUEUE, {}, { singletonKey: "now" });
    queue.wake(workerId);
  };
  await queue.schedule(WEBHOOK_DELIVERY_QUEUE, "* * * * *", {});
  // A start sends what is due now (a crash's leftovers) and plans the next wake-up.
  await deliverSoon();
  return {
    deliverSoon,
    stop: () => queue.offWork(workerId),
  };
}
