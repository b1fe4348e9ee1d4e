import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGliteWireServer } from "./pglite-server";

/** The PostgreSQL extensions the migrations create, which PGlite loads on demand (pg_trgm: list search). */
export const pgliteExtensions = { pg_trgm };

export type EmbeddedPostgres = { url: string; stop: () => Promise<void> };

/**
 * PGlite behind a loopback Postgres socket, so the app, scripts and tests all speak the wire protocol
 * through postgres.js exactly as they do with a real PostgreSQL. `dataDir` null keeps it in memory.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string | null;
  port?: number;
  host?: string;
  /** An in-memory database starts from this dumped data directory instead of running initdb (tests). */
  template?: Blob;
}): Promise<EmbeddedPostgres> {
  if (options.dataDir) fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const db = await PGlite.create({
    ...(options.dataDir
      ? { dataDir: options.dataDir }
      : options.template
        ? { loadDataDir: options.template }
        : {}),
    extensions: pgliteExtensions,
  });
  const host = options.host ?? "127.0.0.1";
  const server = new PGliteWireServer(db);
  const port = await server.listen(options.port ?? 0, host);
  return {
    url: `postgres://postgres:postgres@${host}:${port}/postgres?sslmode=disable`,
    stop: async () => {
      await server.close();
      await db.close();
    },
  };
}
