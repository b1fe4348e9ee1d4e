import "server-only";
import { getDb } from "@/db/client";
import { deliverQueuedEmails } from "@/lib/email/deliver";

export type Worker = { stop: () => Promise<void> };

/**
 * Background work that runs beside the web server: outbox delivery now; provisioning, usage sync and
 * billing jobs plug in here. Each tick is independent, so a crash loses nothing that is in the database.
 */
export function startWorker(options: { intervalMs?: number } = {}): Worker {
  const interval = options.intervalMs ?? 2000;
  let running: Promise<void> | null = null;
  const tick = async () => {
    try {
      await deliverQueuedEmails(getDb());
    } catch (err) {
      console.error("[worker] email delivery failed:", err instanceof Error ? err.message : err);
    }
  };
  const timer = setInterval(() => {
    if (!running) running = tick().finally(() => (running = null));
  }, interval);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
