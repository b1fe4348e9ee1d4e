/**
 * Vitest global setup of the "pglite" project: one freshly initialised PGlite data directory, dumped once,
 * that every integration-test file loads instead of running initdb itself (tests/setup-db.ts) — most of a
 * PGlite start's cost. The migrations still run per file, exactly as the app runs them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";

export const PGLITE_TEMPLATE_ENV = "TIERLINE_PGLITE_TEMPLATE";

export default async function setup(): Promise<() => void> {
  const db = await PGlite.create();
  const dump = await db.dumpDataDir("none");
  await db.close();
  const file = path.join(os.tmpdir(), `tierline-pglite-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  // Inherited by the test workers, which start after this.
  process.env[PGLITE_TEMPLATE_ENV] = file;
  return () => fs.rmSync(file, { force: true });
}
