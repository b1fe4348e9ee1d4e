import "server-only";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle; services accept `Db | Tx` so callers can compose them in one transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type DbHandle = { db: Db; sql: postgres.Sql; url: string };

export function createDb(url: string, options: { max?: number; embedded?: boolean } = {}): DbHandle {
  const embedded = options.embedded ?? env().TIERLINE_DB_ENGINE === "pglite";
  const sql = postgres(url, {
    max: options.max ?? 10,
    // The embedded PGlite is one session shared by every client: named prepared statements would collide.
    prepare: !embedded,
    onnotice: () => {},
    // Bigint counts come back as numbers; numeric stays a string (exact money).
    types: { bigint: postgres.BigInt },
    connection: { application_name: "tierline" },
  });
  return { db: drizzle(sql, { schema }), sql, url };
}

const globalForDb = globalThis as unknown as { tierlineDb?: DbHandle };

/** The process-wide connection, from DATABASE_URL (set by scripts/run.ts to the embedded PGlite when unset). */
export function getDbHandle(): DbHandle {
  if (!globalForDb.tierlineDb) {
    const url = env().DATABASE_URL;
    if (!url) {
      throw new Error(
        "DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which provide the embedded database.",
      );
    }
    globalForDb.tierlineDb = createDb(url);
  }
  return globalForDb.tierlineDb;
}

export function getDb(): Db {
  return getDbHandle().db;
}

/** For tests and scripts that swap databases within one process. */
export async function setDbHandle(handle: DbHandle | undefined): Promise<void> {
  globalForDb.tierlineDb = handle;
}

export { schema };
