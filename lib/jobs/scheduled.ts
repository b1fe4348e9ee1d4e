import "server-only";
import type { Db } from "@/db/client";
import { deleteExpiredIdempotencyKeys } from "@/lib/api/v1/idempotency";
import { systemActor } from "@/lib/audit";
import { now, todayUtc } from "@/lib/clock";
import { runLifecycleTick } from "@/lib/contracts";
import { deliverQueuedEmails, type Mailer } from "@/lib/email/deliver";
import { sendInvoiceReminders } from "@/lib/invoices/reminders";
import { log } from "@/lib/log";
import { deleteExpiredLimits } from "@/lib/security/limits";
import {
  EMAIL_DELIVERY_QUEUE,
  HOURLY_SLOT,
  INVOICE_REMINDERS_QUEUE,
  type JobQueue,
  LIFECYCLE_TICK_QUEUE,
  RATE_LIMIT_CLEANUP_QUEUE,
} from "./queue";

export { HOURLY_SLOT } from "./queue";

/**
 * The cron of each task (UTC). The workers of lib/usage (the usage-sync slot) and lib/provisioning (the
 * provisioning sweep) register their own per-minute schedules the same way.
 */
export const SCHEDULES = {
  [LIFECYCLE_TICK_QUEUE]: "0 * * * *",
  [RATE_LIMIT_CLEANUP_QUEUE]: "30 * * * *",
  // Early in the distributor's morning (UTC): the day's payment reminders.
  [INVOICE_REMINDERS_QUEUE]: "0 7 * * *",
  // Safety net only: an enqueue wakes delivery at once (NOTIFY, see lib/email/deliver.ts); this retries
  // failed sends and catches emails queued while no worker was listening.
  [EMAIL_DELIVERY_QUEUE]: "* * * * *",
} as const;

export type ScheduledTasks = {
  /** Queues a delivery of the outbox now (one waits at most; a running one is not repeated). */
  deliverEmailsSoon(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * The worker's periodic work on pg-boss: the lifecycle tick (hourly; idempotent per day), email delivery,
 * the invoices' payment reminders (daily; idempotent per invoice and day) and the rate-limit cleanup. Any number of workers may run this against one database: the schedules live
 * in pg-boss's tables, and each slot's job is sent with one singleton key.
 */
export async function startScheduledTasks(options: {
  db: Db;
  queue: JobQueue;
  /** The mail transport (default: SMTP_URL's, or none: emails are kept as `logged`). */
  mailer?: Mailer | null;
  pollingIntervalSeconds?: number;
}): Promise<ScheduledTasks> {
  const { db, queue } = options;
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
  const workerIds = [
    await queue.work(LIFECYCLE_TICK_QUEUE, polling, async () => {
      const tick = await runLifecycleTick(db, { today: todayUtc(), actor: systemActor });
      log.info(
        {
          today: tick.today,
          cancelled: tick.cancelled.length,
          converted: tick.converted.length,
          downgraded: tick.downgraded.length,
          trialsEnded: tick.trialsEnded.length,
          graceCancelled: tick.graceCancelled.length,
          reminders: tick.reminders.length,
          failed: tick.failed.length,
        },
        "[worker] lifecycle tick",
      );
    }),
    await queue.work(RATE_LIMIT_CLEANUP_QUEUE, polling, async () => {
      await deleteExpiredLimits(db);
      await deleteExpiredIdempotencyKeys(db, now());
    }),
    await queue.work(INVOICE_REMINDERS_QUEUE, polling, async () => {
      const run = await sendInvoiceReminders(db, { today: todayUtc() });
      log.info({ today: run.today, reminded: run.reminded.length }, "[worker] invoice reminders");
    }),
  ];
  const emailWorker = await queue.work(EMAIL_DELIVERY_QUEUE, polling, async () => {
    await deliverQueuedEmails(db, { mailer: options.mailer });
  });
  workerIds.push(emailWorker);

  await queue.schedule(LIFECYCLE_TICK_QUEUE, SCHEDULES[LIFECYCLE_TICK_QUEUE], {}, HOURLY_SLOT);
  await queue.schedule(RATE_LIMIT_CLEANUP_QUEUE, SCHEDULES[RATE_LIMIT_CLEANUP_QUEUE], {}, HOURLY_SLOT);
  await queue.schedule(EMAIL_DELIVERY_QUEUE, SCHEDULES[EMAIL_DELIVERY_QUEUE], {});
  await queue.schedule(INVOICE_REMINDERS_QUEUE, SCHEDULES[INVOICE_REMINDERS_QUEUE], {}, HOURLY_SLOT);

  const deliverEmailsSoon = async () => {
    await queue.send(EMAIL_DELIVERY_QUEUE, {});
    queue.wake(emailWorker);
  };
  // A start ticks now rather than at the next full hour (still once in this hour's slot), sends the
  // reminders due today, and sends what the outbox holds.
  await queue.send(LIFECYCLE_TICK_QUEUE, {}, HOURLY_SLOT);
  // pg-boss caps a slot at its archive interval (12 h), so the reminders' slot is the hour too: a restart
  // later in the day runs them again, which sends nothing twice (one row per invoice and reminder day).
  await queue.send(INVOICE_REMINDERS_QUEUE, {}, HOURLY_SLOT);
  await deliverEmailsSoon();

  return {
    deliverEmailsSoon,
    stop: async () => {
      for (const id of workerIds) await queue.offWork(id);
    },
  };
}
