import "server-only";
import { sql } from "drizzle-orm";
import type postgres from "postgres";
import type { DbOrTx } from "@/db/client";

/** The channel a new `provisioning_jobs` row is announced on; PostgreSQL delivers it when the row commits. */
export const PROVISIONING_CHANNEL = "tierline_provisioning";

/** Inside the transaction that inserted a job: wakes the workers once it commits (lib/contracts queueJob). */
export async function notifyJobQueued(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_notify(${PROVISIONING_CHANNEL}, '')`);
}

/**
 * Calls `onQueued` whenever a transaction that queued a provisioning job commits. postgres.js keeps the
 * listening connection open and listens again after a reconnect. Returns the function that stops listening.
 */
export async function listenForQueuedJobs(
  client: postgres.Sql,
  onQueued: () => void,
): Promise<() => Promise<void>> {
  const listening = await client.listen(PROVISIONING_CHANNEL, () => onQueued());
  return () => listening.unlisten();
}
