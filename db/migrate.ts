import "server-only";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import type postgres from "postgres";
import type { Db } from "./client";

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

/** Advisory lock keys (one namespace for Tierline, then one number per start-up step). */
export const LOCK_NAMESPACE = 0x7469_6572; // "tier"
export const LOCKS = { migrate: 1, seed: 2, jobs: 3 } as const;

/**
 * Runs `fn` while holding a session-level advisory lock on one reserved connection, so instances starting
 * at the same time take turns (the later ones find the work done). `fn` queries through the pool while the
 * lock's connection waits, so a one-connection pool (a single-client script) runs `fn` unlocked. On the
 * embedded PGlite every client shares one session, so the lock is always granted; only one process uses
 * that database anyway.
 */
export async function withAdvisoryLock<T>(
  db: Db,
  lock: keyof typeof LOCKS,
  fn: () => Promise<T>,
): Promise<T> {
  // drizzle keeps its postgres.js client on the instance (`$client`), though `Db` does not name it.
  const client = (db as Db & { $client: postgres.Sql }).$client;
  if (client.options.max < 2) return fn();
  const conn = await client.reserve();
  try {
    await conn`select pg_advisory_lock(${LOCK_NAMESPACE}::int, ${LOCKS[lock]}::int)`;
    try {
      return await fn();
    } finally {
      await conn`select pg_advisory_unlock(${LOCK_NAMESPACE}::int, ${LOCKS[lock]}::int)`;
    }
  } finally {
    conn.release();
  }
}

/** Applies pending migrations; several instances starting at once apply each migration once. */
export async function runMigrations(db: Db): Promise<void> {
  await withAdvisoryLock(db, "migrate", () => migrate(db, { migrationsFolder }));
}

export type MigrationState = { applied: number; available: number; latest: string | null; upToDate: boolean };

/** Compares the drizzle journal on disk with what the database has applied. */
export async function getMigrationState(db: Db): Promise<MigrationState> {
  const fs = await import("node:fs/promises");
  const journal = JSON.parse(
    await fs.readFile(path.join(migrationsFolder, "meta/_journal.json"), "utf8"),
  ) as {
    entries: { tag: string }[];
  };
  let applied = 0;
  try {
    const rows = await db.execute<{ count: string }>(
      sql`select count(*)::text as count from drizzle.__drizzle_migrations`,
    );
    applied = Number(rows[0]?.count ?? 0);
  } catch {
    applied = 0;
  }
  const available = journal.entries.length;
  return {
    applied,
    available,
    latest: journal.entries.at(-1)?.tag ?? null,
    upToDate: applied >= available,
  };
}
