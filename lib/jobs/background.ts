import "server-only";
import { type Db, getDb } from "@/db/client";
import type { AcronisClient, AcronisDirectory } from "@/lib/acronis";
import { createAcronisDirectory } from "@/lib/acronis/datacenters";
import { contractCallbacks } from "@/lib/contracts";
import type { Mailer } from "@/lib/email/deliver";
import { env } from "@/lib/env";
import { type BillingRunWorker, startBillingRunWorker } from "@/lib/invoices/run-jobs";
import { type ProvisioningWorker, startProvisioningWorker } from "@/lib/provisioning";
import { type ReconciliationWorker, startReconciliationWorker } from "@/lib/reconciliation/jobs";
import { startUsageSyncScheduler, type UsageSyncScheduler } from "@/lib/usage";
import { startWebhookWorker, type WebhookWorker } from "@/lib/webhooks/worker";
import { type JobQueue, startJobQueue } from "./queue";
import { type ScheduledTasks, startScheduledTasks } from "./scheduled";

export type BackgroundJobs = {
  queue: JobQueue;
  provisioning: ProvisioningWorker;
  usage: UsageSyncScheduler;
  billing: BillingRunWorker;
  reconciliation: ReconciliationWorker;
  scheduled: ScheduledTasks;
  webhooks: WebhookWorker;
  stop(): Promise<void>;
};

/**
 * Everything durable that runs beside the web server, and the composition root that wires lib/contracts'
 * hooks into the provisioning worker: pg-boss (evaluating the schedules), the provisioning worker (which also
 * picks up jobs lib/contracts queued, each minute and on their NOTIFY, and jobs a dead process left), usage syncs
 * (each slot and on demand), billing runs (drafting and issuing, queued by the back office), the lifecycle
 * tick, email delivery, the rate-limit cleanup and webhook delivery (lib/webhooks/worker.ts). Any number of processes may run this on one database.
 * Defaults: the process database, DATABASE_URL, the Acronis datacenters (ACRONIS_* and the stored ones, each
 * reseller's jobs and syncs going to its own) and the mail server from the environment.
 */
export async function startBackgroundJobs(
  options: {
    db?: Db;
    connectionString?: string;
    /** One client stands for every datacenter (tests); default: the database's datacenters. */
    acronis?: AcronisClient | AcronisDirectory;
    mailer?: Mailer | null;
    /** How often idle queues are polled (default: each worker's own, 2–5 s). */
    pollingIntervalSeconds?: number;
  } = {},
): Promise<BackgroundJobs> {
  const db = options.db ?? getDb();
  const connectionString = options.connectionString ?? env().DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: the job queue needs the database.");
  const acronis = options.acronis ?? createAcronisDirectory(db);
  const queue = await startJobQueue({ connectionString, schedule: true });
  const polling = options.pollingIntervalSeconds;
  const provisioning = await startProvisioningWorker({
    db,
    queue,
    acronis,
    queuePollingSeconds: polling,
    ...contractCallbacks,
  });
  const usage = await startUsageSyncScheduler({ db, queue, acronis, queuePollingSeconds: polling });
  const billing = await startBillingRunWorker({ db, queue });
  const reconciliation = await startReconciliationWorker({
    db,
    queue,
    acronis,
    queuePollingSeconds: polling,
  });
  const scheduled = await startScheduledTasks({
    db,
    queue,
    mailer: options.mailer,
    pollingIntervalSeconds: polling,
  });
  const webhooks = await startWebhookWorker({ db, queue, pollingIntervalSeconds: polling });
  return {
    queue,
    provisioning,
    usage,
    billing,
    reconciliation,
    scheduled,
    webhooks,
    stop: async () => {
      await webhooks.stop();
      await scheduled.stop();
      await provisioning.stop();
      await usage.stop();
      await billing.stop();
      await reconciliation.stop();
      await queue.stop();
    },
  };
}
