import "server-only";
import { type DbHandle, getDbHandle } from "@/db/client";
import type { AcronisClient } from "@/lib/acronis";
import { listenForQueuedEmails, type Mailer } from "@/lib/email/deliver";
import { type BackgroundJobs, startBackgroundJobs } from "@/lib/jobs/background";
import { log } from "@/lib/log";
import { listenForQueuedJobs } from "@/lib/provisioning";
import { listenForWebhookEvents } from "@/lib/webhooks/events";

export type Worker = { jobs: BackgroundJobs; stop: () => Promise<void> };

export type WorkerOptions = {
  /** The database (default: the process database, DATABASE_URL's). */
  database?: DbHandle;
  acronis?: AcronisClient;
  /** The mail transport (default: SMTP_URL's, or none: emails are kept as `logged`). */
  mailer?: Mailer | null;
  pollingIntervalSeconds?: number;
};

/**
 * The background worker (`TIERLINE_ROLE=worker`, or beside the web server): every periodic and durable task
 * runs as a pg-boss job (lib/jobs/background.ts); a committed email wakes delivery and a committed
 * provisioning job wakes the provisioning worker at once. Any number of workers may share one database:
 * scheduled work runs once per slot and each email is sent once. State lives in the database, so a crash
 * or restart loses nothing.
 */
export async function startWorker(options: WorkerOptions = {}): Promise<Worker> {
  const { database = getDbHandle(), ...rest } = options;
  const jobs = await startBackgroundJobs({ ...rest, db: database.db, connectionString: database.url });
  const deliverSoon = () => {
    jobs.scheduled
      .deliverEmailsSoon()
      .catch((err) => log.error({ err }, "[worker] could not queue email delivery"));
  };
  const unlistenEmails = await listenForQueuedEmails(database.sql, deliverSoon);
  const unlistenJobs = await listenForQueuedJobs(database.sql, jobs.provisioning.enqueueSoon);
  // A committed webhook event wakes delivery at once.
  const unlistenWebhooks = await listenForWebhookEvents(database.sql, () => {
    jobs.webhooks
      .deliverSoon()
      .catch((err) => log.error({ err }, "[worker] could not queue webhook delivery"));
  });
  return {
    jobs,
    stop: async () => {
      await unlistenEmails();
      await unlistenJobs();
      await unlistenWebhooks();
      await jobs.stop();
    },
  };
}
