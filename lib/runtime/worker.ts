import "server-only";
import { getDb } from "@/db/client";
import { systemActor } from "@/lib/audit";
import { runLifecycleTick } from "@/lib/contracts";
import { deliverQueuedEmails } from "@/lib/email/deliver";
import { type BackgroundJobs, startBackgroundJobs } from "@/lib/jobs/background";
import { log } from "@/lib/log";
import { deleteExpiredLimits } from "@/lib/security/limits";

export type Worker = { stop: () => Promise<void> };

const HOUR = 60 * 60 * 1000;

/**
 * Background work beside the web server: durable jobs on pg-boss (provisioning, usage sync), the outbox,
 * and the daily lifecycle tick (run hourly; it is idempotent per day). Each piece keeps its state in the
 * database, so a crash or restart loses nothing.
 */
export async function startWorker(options: { emailIntervalMs?: number } = {}): Promise<Worker> {
  const jobs: BackgroundJobs = await startBackgroundJobs();
  const loop = (name: string, everyMs: number, fn: () => Promise<unknown>) => {
    let running: Promise<void> | null = null;
    const tick = () => {
      running ??= fn()
        .then(() => undefined)
        .catch((err) => log.error({ err, task: name }, "[worker] task failed"))
        .finally(() => {
          running = null;
        });
    };
    tick();
    const timer = setInterval(tick, everyMs);
    return async () => {
      clearInterval(timer);
      await running;
    };
  };
  const stops = [
    loop("email delivery", options.emailIntervalMs ?? 2000, () => deliverQueuedEmails(getDb())),
    loop("lifecycle tick", HOUR, () =>
      runLifecycleTick(getDb(), { today: new Date().toISOString().slice(0, 10), actor: systemActor }),
    ),
    loop("rate-limit cleanup", HOUR, () => deleteExpiredLimits(getDb())),
  ];
  return {
    stop: async () => {
      await Promise.all(stops.map((s) => s()));
      await jobs.stop();
    },
  };
}
