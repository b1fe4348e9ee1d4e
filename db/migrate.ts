import "server-only";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import type { Db } from "./client";

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

export async function runMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder });
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
