import "server-only";
import { env } from "@/lib/env";
import { type JobQueue, startJobQueue } from "./queue";

const holder = globalThis as typeof globalThis & { __tierlineJobQueue?: Promise<JobQueue> };

/**
 * The web server's handle on pg-boss: it sends jobs and reads their state; the worker beside it
 * (lib/runtime/worker.ts) runs them and does pg-boss maintenance. Started on first use, once per process
 * (kept on globalThis, so a dev reload does not open another pool); a failed start is retried next time.
 */
export function sharedJobQueue(): Promise<JobQueue> {
  holder.__tierlineJobQueue ??= start().catch((error: unknown) => {
    holder.__tierlineJobQueue = undefined;
    throw error;
  });
  return holder.__tierlineJobQueue;
}

async function start(): Promise<JobQueue> {
  const connectionString = env().DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: the job queue needs the database.");
  return startJobQueue({ connectionString, max: 2, supervise: false });
}
