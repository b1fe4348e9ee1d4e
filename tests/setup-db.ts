/**
 * Integration-test database for one test file: a fresh in-memory PGlite behind the wire server
 * (project "pglite"), or a fresh database on TEST_DATABASE_URL's server (project "postgres").
 * Both go through postgres.js and the committed migrations, exactly like the app.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { createDb, type DbHandle, setDbHandle } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { startEmbeddedPostgres } from "@/lib/runtime/embedded-postgres";

declare global {
  var testDb: DbHandle;
  var testEngine: "pglite" | "postgresql";
}

let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  if (process.env.TEST_ENGINE === "postgres") {
    const base = process.env.TEST_DATABASE_URL!;
    const name = `tierline_test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    process.env.TIERLINE_DB_ENGINE = "postgresql";
    const handle = createDb(url.toString(), { max: 5, embedded: false });
    globalThis.testDb = handle;
    globalThis.testEngine = "postgresql";
    stop = async () => {
      await handle.sql.end({ timeout: 2 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    // tests/pglite-template.ts dumped an initialised data directory once for the whole run.
    const template = process.env.TIERLINE_PGLITE_TEMPLATE;
    const pg = await startEmbeddedPostgres({
      dataDir: null,
      template: template && fs.existsSync(template) ? new Blob([fs.readFileSync(template)]) : undefined,
    });
    process.env.TIERLINE_DB_ENGINE = "pglite";
    const handle = createDb(pg.url, { max: 5, embedded: true });
    globalThis.testDb = handle;
    globalThis.testEngine = "pglite";
    stop = async () => {
      await handle.sql.end({ timeout: 2 });
      await pg.stop();
    };
  }
  process.env.DATABASE_URL = globalThis.testDb.url;
  await setDbHandle(globalThis.testDb);
  await runMigrations(globalThis.testDb.db);
});

afterAll(async () => {
  await setDbHandle(undefined);
  await stop?.();
});
