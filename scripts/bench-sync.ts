/**
 * `npm run bench:sync -- --resellers N --customers C [--concurrency K]`: a full usage sync against an
 * in-memory Acronis simulator with N partner tenants of C customers each. The database is a scratch
 * database on DATABASE_URL's server (created and dropped here) or, without DATABASE_URL, an in-memory PGlite.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { isNotNull } from "drizzle-orm";
import postgres from "postgres";
import { createDb } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { resellers } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { createAcronisClient } from "@/lib/acronis";
import { startSimulator } from "@/lib/acronis-sim";
import { startEmbeddedPostgres } from "@/lib/runtime/embedded-postgres";
import { runUsageSync } from "@/lib/usage";

const { values } = parseArgs({
  options: {
    resellers: { type: "string", default: "50" },
    customers: { type: "string", default: "20" },
    concurrency: { type: "string", default: "4" },
  },
});
const nResellers = Number(values.resellers);
const nCustomers = Number(values.customers);
const concurrency = Number(values.concurrency);

async function openDatabase() {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const pg = await startEmbeddedPostgres({ dataDir: null });
    process.env.TIERLINE_DB_ENGINE = "pglite";
    const handle = createDb(pg.url, { max: 5, embedded: true });
    return {
      engine: "PGlite (embedded, in-memory)",
      handle,
      close: async () => {
        await handle.sql.end({ timeout: 2 });
        await pg.stop();
      },
    };
  }
  const name = `tierline_bench_${randomBytes(5).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = createDb(url.toString(), { max: 10, embedded: false });
  const [{ version }] = (await admin`select current_setting('server_version') as version`) as unknown as [
    { version: string },
  ];
  return {
    engine: `PostgreSQL ${version} (scratch database ${name})`,
    handle,
    close: async () => {
      await handle.sql.end({ timeout: 2 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function main() {
  const sim = await startSimulator({ port: 0, dataDir: null });
  const db = await openDatabase();
  try {
    await runMigrations(db.handle.db);
    await seedDatabase(db.handle.db, { today: new Date() });
    // The demo resellers' tenants are fake: leave them out of the measured sync.
    await db.handle.db
      .update(resellers)
      .set({ acronisTenantId: null })
      .where(isNotNull(resellers.acronisTenantId));

    const setupStart = performance.now();
    const rows: (typeof resellers.$inferInsert)[] = [];
    for (let r = 0; r < nResellers; r++) {
      const tag = `bench-${r}`;
      const partner = await sim.control<{ id: string }>("POST", "/tenants", {
        parent_id: sim.rootTenantId,
        name: `Bench Partner ${r}`,
        kind: "partner",
        internal_tag: tag,
      });
      for (let c = 0; c < nCustomers; c++) {
        await sim.control("POST", "/tenants", {
          parent_id: partner.id,
          name: `Customer ${r}-${c}`,
          kind: "customer",
        });
      }
      rows.push({
        name: `Bench Partner ${r}`,
        legalName: `Bench Partner ${r} Ltd`,
        addressLine1: "1 Bench Road",
        city: "Bench",
        postalCode: "1000",
        country: "US",
        currency: "USD",
        billingEmail: `bench-${r}@example.test`,
        internalTag: tag,
        acronisTenantId: partner.id,
        status: "active",
      });
    }
    await db.handle.db.insert(resellers).values(rows);
    const setupSeconds = (performance.now() - setupStart) / 1000;

    const client = createAcronisClient({
      baseUrl: sim.url,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
    });
    // Time spent waiting on Acronis (summed over parallel calls), to tell the simulator from our own work.
    const waited = { listChildTenants: 0, iterateTenants: 0, getUsages: 0 };
    const timed =
      <A extends unknown[], R>(key: keyof typeof waited, fn: (...args: A) => Promise<R>) =>
      async (...args: A) => {
        const start = performance.now();
        try {
          return await fn(...args);
        } finally {
          waited[key] += (performance.now() - start) / 1000;
        }
      };
    /** A tenant walk (customer discovery over a subtree) is timed while it waits for each page. */
    const timedWalk = (query: Parameters<typeof client.iterateTenants>[0]) =>
      (async function* () {
        const pages = client.iterateTenants(query);
        for (;;) {
          const start = performance.now();
          const next = await pages.next();
          waited.iterateTenants += (performance.now() - start) / 1000;
          if (next.done) return;
          yield next.value;
        }
      })();
    const acronis = {
      ...client,
      listChildTenants: timed("listChildTenants", client.listChildTenants),
      iterateTenants: timedWalk,
      getUsages: timed("getUsages", client.getUsages),
    };
    const now = new Date();
    const t0 = performance.now();
    const first = await runUsageSync(db.handle.db, acronis, { kind: "manual", now, concurrency });
    const firstSeconds = (performance.now() - t0) / 1000;
    const firstWaited = { ...waited };
    const heapAfterFirstMb = process.memoryUsage().heapUsed / 2 ** 20;
    const t1 = performance.now();
    const second = await runUsageSync(db.handle.db, acronis, { kind: "manual", now, concurrency });
    const secondSeconds = (performance.now() - t1) / 1000;
    const heapAfterSecondMb = process.memoryUsage().heapUsed / 2 ** 20;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;

    const fmt = (n: number, d = 1) => n.toFixed(d);
    console.log(`engine            ${db.engine}`);
    console.log(
      `shape             ${nResellers} resellers × ${nCustomers} customers, concurrency ${concurrency}`,
    );
    console.log(`simulator setup   ${fmt(setupSeconds)} s (not measured below)`);
    console.log(
      `first sync        ${fmt(firstSeconds, 2)} s · ${first.tenants} tenants (${fmt(first.tenants / firstSeconds)}/s) · ` +
        `${first.rows} snapshot rows (${fmt(first.rows / firstSeconds)}/s) · ${first.errors.length} errors`,
    );
    console.log(
      `  Acronis calls   listChildTenants ${fmt(firstWaited.listChildTenants, 2)} s, iterateTenants ${fmt(firstWaited.iterateTenants, 2)} s, getUsages ${fmt(firstWaited.getUsages, 2)} s (summed over ${concurrency} lanes)`,
    );
    console.log(
      `repeat sync       ${fmt(secondSeconds, 2)} s · ${second.tenants} tenants (${fmt(second.tenants / secondSeconds)}/s) · ` +
        `${second.rows} rows changed`,
    );
    console.log(
      `JS heap in use    ${fmt(heapAfterFirstMb, 0)} MB after the first sync, ${fmt(heapAfterSecondMb, 0)} MB after the repeat`,
    );
    console.log(
      `peak RSS          ${fmt(peakRssMb, 0)} MB (process: simulator + database client${db.engine.startsWith("PGlite") ? " + PGlite" : ""})`,
    );
  } finally {
    await db.close();
    await sim.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
