import "server-only";
import { type Db, getDb } from "@/db/client";
import { type AcronisClient, acronisConfigFromEnv, createAcronisClient } from "@/lib/acronis";
import { type BillingRunWorker, startBillingRunWorker } from "@/lib/invoices/run-jobs";
import { type ProvisioningWorker, startProvisioningWorker } from "@/lib/provisioning";
import { startUsageSyncScheduler, type UsageSyncScheduler } from "@/lib/usage";
import { type JobQueue, startJobQueue } from "./queue";

export type BackgroundJobs = {
  queue: JobQueue;
  provisioning: ProvisioningWorker;
  usage: UsageSyncScheduler;
  billing: BillingRunWorker;
  stop(): Promise<void>;
};

/**
 * Everything durable that runs beside the web server: pg-boss, the provisioning worker (which also picks up
 * jobs lib/contracts queued and jobs a dead process left running), the usage sync schedule and billing runs
 * (drafting and issuing, queued by the back office).
 * Defaults: the process database, DATABASE_URL and the Acronis client from the environment.
 */
export async function startBackgroundJobs(
  options: { db?: Db; connectionString?: string; acronis?: AcronisClient } = {},
): Promise<BackgroundJobs> {
  const db = options.db ?? getDb();
  const connectionString = options.connectionString ?? process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: the job queue needs the database.");
  const acronis = options.acronis ?? createAcronisClient(acronisConfigFromEnv());
  const queue = await startJobQueue({ connectionString });
  const provisioning = await startProvisioningWorker({ db, queue, acronis });
  const usage = await startUsageSyncScheduler({ db, queue, acronis });
  const billing = await startBillingRunWorker({ db, queue });
  return {
    queue,
    provisioning,
    usage,
    billing,
    stop: async () => {
      await provisioning.stop();
      await usage.stop();
      await billing.stop();
      await queue.stop();
    },
  };
}
