/**
 * Vitest global setup of the "pglite" project: one freshly initialised PGlite data directory with every
 * committed migration applied, dumped once, that every integration-test file loads instead of running initdb
 * and the migrations itself (tests/setup-db.ts) — most of a PGlite test file's start. The migrations run here
 * the way the app runs them (db/migrate.ts through postgres.js and the wire server); each file's own
 * runMigrations then finds them applied, as a restarted app does. The "postgres" project still migrates
 * every file's database from empty.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createDb } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { pgliteExtensions } from "@/lib/runtime/embedded-postgres";
import { PGliteWireServer } from "@/lib/runtime/pglite-server";

export const PGLITE_TEMPLATE_ENV = "TIERLINE_PGLITE_TEMPLATE";

export default async function setup(): Promise<() => void> {
  const db = await PGlite.create({ extensions: pgliteExtensions });
  const server = new PGliteWireServer(db);
  const port = await server.listen(0, "127.0.0.1");
  const handle = createDb(`postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`, {
    max: 5,
    embedded: true,
  });
  try {
    await runMigrations(handle.db);
  } finally {
    await handle.sql.end({ timeout: 2 });
    await server.close();
  }
  const dump = await db.dumpDataDir("none");
  await db.close();
  const file = path.join(os.tmpdir(), `tierline-pglite-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  // Inherited by the test workers, which start after this.
  process.env[PGLITE_TEMPLATE_ENV] = file;
  return () => fs.rmSync(file, { force: true });
}
