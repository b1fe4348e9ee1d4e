/**
 * Billing benchmark: fills a database with synthetic resellers, contracts, customers and a month of daily
 * usage snapshots, then runs a full billing run (draft + issue) and prints throughput, the time between
 * batches (p50/p95) and peak RSS. On PostgreSQL it then times the physical reference: the same lines, as
 * COPY text, copied into a bare table (no key, index, constraint or trigger), and prints the run's ratio to it.
 *
 *   npm run bench:billing -- --contracts 10000 --customers 20 --skus 15 [--days 30] [--batch-size 500]
 *                            [--database-url postgres://…]   (else DATABASE_URL, else an embedded PGlite)
 *                            [--pglite-dir DIR]   the embedded PGlite on disk in DIR (kept for --reuse), not in memory
 *                            [--reuse]   keep the generated data of an earlier run of the same shape
 *                            [--setup-only]   generate the data and stop (for a later --reuse)
 *
 * Use a throwaway database: it writes a lot of rows. With --reuse the resellers, contracts, customers and
 * snapshots of an earlier run are kept when their counts match the shape; the billing tables (runs,
 * invoices, lines, credit notes, numbers) are always emptied, so every run drafts and issues from scratch.
 */
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { count, eq } from "drizzle-orm";
import postgres from "postgres";
import { createDb, type DbHandle, setDbHandle } from "../db/client";
import { runMigrations } from "../db/migrate";
import * as s from "../db/schema";
import { seedDatabase } from "../db/seed";
import { systemActor } from "../lib/audit";
import { periodEnd } from "../lib/billing";
import { env } from "../lib/env";
import { issueBillingRun, startBillingRun } from "../lib/invoices";
import { copyFrom } from "../lib/invoices/draft-writer";
import { startEmbeddedPostgres } from "../lib/runtime/embedded-postgres";

const PERIOD = "2026-10";
const { values: args } = parseArgs({
  options: {
    contracts: { type: "string", default: "1000" },
    customers: { type: "string", default: "20" },
    skus: { type: "string", default: "15" },
    days: { type: "string", default: "31" },
    "batch-size": { type: "string", default: "500" },
    "database-url": { type: "string" },
    "pglite-dir": { type: "string" },
    reuse: { type: "boolean", default: false },
    "setup-only": { type: "boolean", default: false },
  },
});
const N = Number(args.contracts);
const C = Number(args.customers);
const S = Number(args.skus);
const D = Math.min(31, Number(args.days));
const batchSize = Number(args["batch-size"]);

const rss = { peak: 0, sample: () => (rss.peak = Math.max(rss.peak, process.memoryUsage().rss)) };
const sampler = setInterval(rss.sample, 50);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const seconds = (start: number) => (performance.now() - start) / 1000;

const { handle, engine, stop } = await connect();
await setDbHandle(handle);
console.log(`engine ${engine}, ${os.cpus().length} cores, node ${process.version}`);
console.log(`contracts ${N} × customers ${C} × skus ${S} × days ${D} (batch ${batchSize})`);

const migrateStart = performance.now();
await runMigrations(handle.db);
console.log(
  `migrations: ${seconds(migrateStart).toFixed(1)} s (0003 builds usage_monthly from existing snapshots)`,
);
const setupStart = performance.now();
if (args.reuse && (await hasShape(handle))) {
  console.log("  reusing the generated resellers, contracts, customers and snapshots");
  await emptyBillingTables(handle);
} else {
  await emptyBillingTables(handle);
  await fillDatabase(handle);
}
const snapshots = await handle.sql`select count(*)::int as n from usage_snapshots`;
console.log(`setup: ${snapshots[0]?.n} snapshots in ${seconds(setupStart).toFixed(1)} s`);
if (args["setup-only"]) {
  clearInterval(sampler);
  await handle.sql.end({ timeout: 5 });
  await stop();
  process.exit(0);
}

rss.peak = 0;
const cpuAtStart = { node: process.cpuUsage(), server: serverCpuSeconds() };
const t0 = performance.now();
/** When each batch's write committed: the intervals between them are the pipeline's time per batch. */
const batchDone: number[] = [t0];
// Billed on the first day after the month closes.
const TODAY = periodEnd(PERIOD);
const run = await startBillingRun(handle.db, {
  period: PERIOD,
  actor: systemActor,
  today: TODAY,
  batchSize,
  onStats: (stats) => {
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `  waiting for loads ${s(stats.loadWait)}, rating ${s(stats.rate)}, waiting for writes ${s(stats.writeWait)}` +
        ` (writes took ${s(stats.write)}, overlapped)`,
    );
  },
  onProgress: ({ processed, total, lines }) => {
    batchDone.push(performance.now());
    if (processed % (batchSize * 4) === 0 || processed === total) {
      console.log(`  drafted ${processed}/${total} contracts, ${lines} lines, rss ${mb(rss.peak)}`);
    }
  },
});
const draftSeconds = seconds(t0);
const t1 = performance.now();
const issued = await issueBillingRun(handle.db, {
  runId: run.id,
  actor: systemActor,
  today: TODAY,
  batchSize: 2000,
});
const issueSeconds = seconds(t1);
const total = seconds(t0);
const nodeCpu = process.cpuUsage(cpuAtStart.node);
const serverCpu = serverCpuSeconds();
rss.sample();
const runPeakRss = rss.peak;
const batchSeconds = batchDone.slice(1).map((done, i) => (done - (batchDone[i] as number)) / 1000);
const [lineCount] = await handle.db.select({ n: count() }).from(s.invoiceLines);
const lines = Number(lineCount?.n ?? 0);
const [last] = await handle.db
  .select({ number: s.invoices.number })
  .from(s.invoices)
  .where(eq(s.invoices.period, PERIOD))
  .orderBy(s.invoices.number)
  .limit(1);

console.log(`invoices issued   ${issued.issuedInvoices} (first ${last?.number ?? "-"})`);
console.log(`invoice lines     ${lines}`);
console.log(`draft             ${draftSeconds.toFixed(1)} s`);
console.log(`issue             ${issueSeconds.toFixed(1)} s`);
console.log(`total             ${total.toFixed(1)} s`);
console.log(`contracts/s       ${(N / total).toFixed(0)}`);
console.log(`invoice lines/s   ${(lines / total).toFixed(0)}`);
console.log(
  `per batch         p50 ${percentile(batchSeconds, 0.5).toFixed(2)} s, p95 ${percentile(batchSeconds, 0.95).toFixed(2)} s` +
    ` (${batchSeconds.length} batches of ${batchSize}, time between batch commits)`,
);
console.log(`peak RSS          ${mb(runPeakRss)}`);
console.log(`CPU, this process ${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1)} s`);
console.log(
  `CPU, postgres     ${
    serverCpu !== null && cpuAtStart.server !== null
      ? `${(serverCpu - cpuAtStart.server).toFixed(1)} s (every postgres process on this machine)`
      : "n/a (not a local server, or no /proc)"
  }`,
);
if (engine === "postgresql") {
  const reference = await copyReference(handle);
  console.log(
    `COPY reference    ${reference.seconds.toFixed(1)} s: ${reference.lines} lines (${mb(reference.bytes)} of COPY text)` +
      " into a bare table, one COPY … FROM STDIN",
  );
  console.log(
    `CPU, postgres     ${reference.serverCpu === null ? "n/a" : `${reference.serverCpu.toFixed(1)} s`} during the reference`,
  );
  console.log(
    `run / reference   ${(total / reference.seconds).toFixed(1)}× (draft alone ${(draftSeconds / reference.seconds).toFixed(1)}×)`,
  );
}
clearInterval(sampler);
await handle.sql.end({ timeout: 5 });
await stop();

async function connect(): Promise<{ handle: DbHandle; engine: string; stop: () => Promise<void> }> {
  const url = args["database-url"] ?? env().DATABASE_URL;
  if (url)
    return { handle: createDb(url, { max: 4, embedded: false }), engine: "postgresql", stop: async () => {} };
  // In memory by default; on disk with --pglite-dir (the in-memory database of 10 000 contracts would not
  // fit in this machine's RAM: its snapshots and indexes live in the process's heap).
  const dir = args["pglite-dir"] ?? null;
  const pg = await startEmbeddedPostgres({ dataDir: dir });
  return {
    handle: createDb(pg.url, { max: 1, embedded: true }),
    engine: dir ? `pglite (on disk, ${dir})` : "pglite (in memory)",
    stop: pg.stop,
  };
}

/** Catalogue from the seed, then everything else generated in SQL (ordered ids, so index inserts append). */
async function fillDatabase({ db, sql }: DbHandle) {
  await seedDatabase(db, { today: new Date("2026-11-24T00:00:00Z"), demo: false });
  const id = (prefix: string, n: string) =>
    sql.unsafe(`('${prefix}-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`);
  await addSkus(sql, S);
  await sql`
    insert into resellers (id, name, legal_name, address_line1, city, postal_code, country, tax_rate_percent,
      currency, billing_email, status, internal_tag)
    select ${id("b0000000", "g")}, 'Reseller ' || g, 'Reseller ' || g || ' Ltd', g || ' Bench Street', 'Bench City',
      lpad(g::text, 5, '0'), (array['US','DE','GB'])[g % 3 + 1], (array['0','19','20'])[g % 3 + 1]::numeric,
      (array['USD','EUR','GBP'])[g % 3 + 1], 'billing' || g || '@bench.example', 'active', 'bench-' || g
    from generate_series(1, ${N}) g on conflict do nothing`;
  await sql`
    insert into contracts (id, reseller_id, state, currency, tier_id, paid_start, ramp_up_cycles)
    select ${id("c0000000", "g")}, ${id("b0000000", "g")}, 'active', (array['USD','EUR','GBP'])[g % 3 + 1],
      t.id, '2026-01-01', 0
    from generate_series(1, ${N}) g
    join tiers t on t.code = (array['T0','T1','T2','T3','T4','T5'])[g % 6 + 1]
    on conflict do nothing`;
  await sql`
    insert into contract_tier_history (contract_id, tier_id, effective_from, kind)
    select c.id, c.tier_id, c.paid_start, 'order' from contracts c
    where not exists (select 1 from contract_tier_history h where h.contract_id = c.id)`;
  await sql`
    insert into customers (id, reseller_id, acronis_tenant_id, name)
    select ${id("d0000000", "g")}, ${id("b0000000", `(g - 1) / ${C} + 1`)}, ${id("e0000000", "g")},
      'Customer ' || g
    from generate_series(1, ${N * C}) g on conflict do nothing`;
  const started = performance.now();
  // Into an empty table the key and the day index are dropped and built once at the end (a sorted build is
  // far cheaper than 93 M index insertions); the names match the migration, so the schema is unchanged.
  if (!(await hasSnapshotKey(sql))) await sql`truncate usage_snapshots`; // an interrupted earlier fill
  const [{ empty } = { empty: false }] = await sql<{ empty: boolean }[]>`
    select not exists (select 1 from usage_snapshots) as empty`;
  if (empty) {
    await sql`alter table usage_snapshots drop constraint usage_snapshots_customer_id_sku_id_day_pk`;
    await sql`drop index usage_snapshots_day_idx`;
  }
  const chunk = Math.max(1, Math.floor(1_000_000 / (S * D)));
  const chunks: [number, number][] = [];
  for (let from = 1; from <= N * C; from += chunk) chunks.push([from, Math.min(N * C, from + chunk - 1)]);
  // Two writers on a server (one per core), one on the single-session PGlite.
  const writers = engine === "postgresql" ? 2 : 1;
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = next++; i < chunks.length; i = next++) {
        const [from, to] = chunks[i] as [number, number];
        // Peak SKUs: a daily count (bytes for storage); `last` SKUs: seconds accumulated since the 1st.
        // Foreign-key triggers off while loading generated rows that are consistent by construction (a
        // throwaway benchmark database; needs a superuser, as on the embedded PGlite and the local server).
        await sql.begin(async (tx) => {
          await tx`set local session_replication_role = replica`;
          await tx`set local synchronous_commit = off`;
          await tx.unsafe(`
          insert into usage_snapshots (customer_id, sku_id, day, value)
          select ${idText("d0000000", "g")}, k.id, date '2026-10-01' + dd,
            case when k.aggregation = 'last' then (dd + 1) * 3600 * ((g + k.rn) % 5 + 1)
                 else ((g * 31 + k.rn * 17 + dd) % 40 + 1) * (case when k.divisor > 1 then 107374182 else 1 end) end
          from generate_series(${from}::int, ${to}::int) g
          cross join (select id, aggregation, divisor, row_number() over (order by sort_order, code) as rn
                      from skus order by sort_order, code limit ${S}) k
          cross join generate_series(0, ${D - 1}) dd
          order by 1, 2, 3
          ${empty ? "" : "on conflict do nothing"}`);
        });
        // PGlite runs single-user, with no checkpointer: without a checkpoint its WAL never recycles, and on
        // disk (--pglite-dir) 93 M rows would leave tens of gigabytes of it.
        if (engine !== "postgresql") await sql`checkpoint`;
      }
    }),
  );
  if (empty) {
    const indexStart = performance.now();
    // Both builds at once, one per connection (the settings are per transaction).
    await Promise.all([
      sql.begin(async (tx) => {
        await tx`set local maintenance_work_mem = '1GB'`;
        // A unique index first (a share lock, so the other build runs beside it), then the key on it.
        await tx`create unique index usage_snapshots_customer_id_sku_id_day_pk
          on usage_snapshots using btree (customer_id, sku_id, day)`;
        await tx`alter table usage_snapshots add constraint usage_snapshots_customer_id_sku_id_day_pk
          primary key using index usage_snapshots_customer_id_sku_id_day_pk`;
      }),
      sql.begin(async (tx) => {
        await tx`set local maintenance_work_mem = '512MB'`;
        await tx`create index usage_snapshots_day_idx on usage_snapshots using btree (day)`;
      }),
    ]);
    console.log(`  snapshot indexes built in ${seconds(indexStart).toFixed(1)} s`);
  }
  console.log(`  snapshots generated in ${seconds(started).toFixed(1)} s`);
  // The load ran with triggers off, so the monthly rollup the triggers keep is built here in one pass. In
  // production this work is spread over the usage syncs (each sync recomputes the months it touched).
  const rollupStart = performance.now();
  await sql.begin(async (tx) => {
    await tx`set local work_mem = '256MB'`;
    await tx`truncate usage_monthly`;
    await tx`
      insert into usage_monthly (customer_id, sku_id, month, peak, last_day, last_value)
      select a.customer_id, a.sku_id, a.month, a.peak, a.last_day, l.value
      from (select customer_id, sku_id, date_trunc('month', day::timestamp)::date as month, max(value) as peak,
              max(day) as last_day
            from usage_snapshots group by 1, 2, 3) a
      join usage_snapshots l on l.customer_id = a.customer_id and l.sku_id = a.sku_id and l.day = a.last_day
      -- In key order, as the triggers insert a sync's months: a customer's rows share heap pages. (A hash
      -- aggregate's order scatters them, one page per row, which a billing run then pays for in reads.)
      order by a.customer_id, a.month, a.sku_id`;
  });
  console.log(
    `  usage rollup (usage_monthly) built in ${seconds(rollupStart).toFixed(1)} s: usage sync's work, not the billing run's`,
  );
  if (engine !== "postgresql") await sql`checkpoint`;
  // Vacuum sets the visibility map (index-only scans) and statistics, as autovacuum would after a load.
  await sql`vacuum analyze`;
}

/** User + system CPU seconds of every local `postgres` process (Linux /proc), or null elsewhere. */
function serverCpuSeconds(): number | null {
  if (engine !== "postgresql" || os.platform() !== "linux") return null;
  const url = new URL(args["database-url"] ?? env().DATABASE_URL ?? "");
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname)) return null;
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      if (!stat.slice(stat.indexOf("(") + 1, close).startsWith("postgres")) continue;
      const fields = stat.slice(close + 2).split(" ");
      // utime, stime, cutime, cstime: fields 14–17 of stat, 12–15 after the command.
      total += [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / tick;
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

function idText(prefix: string, n: string): string {
  return `('${prefix}-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
}

/**
 * The physical reference for the run's writes: the lines it wrote, read back as COPY text (the run's columns,
 * in the heap's order, i.e. as written), then timed as one `COPY … FROM STDIN` through postgres.js into a bare
 * table of the same columns: no primary key, no index, no constraint, no default, no trigger. What remains is
 * what PostgreSQL cannot avoid for these rows: the protocol, parsing the text, the heap and its WAL, the commit.
 * The text is read before the clock starts and held in memory (about 250 bytes a line, outside the run's RSS).
 */
async function copyReference({ sql, url }: DbHandle) {
  const LINE_COLUMNS = `id, invoice_id, position, type, customer_id, customer_name, sku_code, description, unit,
    quantity, unit_price, amount, unit_cost, cost_amount`;
  await sql`drop table if exists bench_copy_reference`;
  await sql.unsafe(
    `create table bench_copy_reference as select ${LINE_COLUMNS} from invoice_lines with no data`,
  );
  const chunks: Buffer[] = [];
  let pending: Buffer[] = [];
  let size = 0;
  let bytes = 0;
  // Read on a client of its own, ended afterwards: in postgres.js 3.4.9 a connection that streamed a large
  // COPY … TO STDOUT can keep its socket paused, and its next query never settles (porsager/postgres#499,
  // fix proposed in #1016; reproduced here with the 30 000 lines of a 100-contract run).
  const reader = postgres(url, { max: 1, onnotice: () => {} });
  const readable = await reader
    .unsafe(`copy (select ${LINE_COLUMNS} from invoice_lines) to stdout`)
    .readable();
  for await (const row of readable as AsyncIterable<Buffer>) {
    pending.push(row);
    size += row.length;
    bytes += row.length;
    if (size >= 256 * 1024) {
      chunks.push(Buffer.concat(pending));
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) chunks.push(Buffer.concat(pending));
  await reader.end({ timeout: 1 });
  await sql`checkpoint`; // the run's dirty pages are not the reference's to write
  const cpuBefore = serverCpuSeconds();
  const start = performance.now();
  await sql.begin(async (tx) => {
    await copyFrom(tx.unsafe(`copy bench_copy_reference (${LINE_COLUMNS}) from stdin`), chunks);
  });
  const seconds = (performance.now() - start) / 1000;
  const cpuAfter = serverCpuSeconds();
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from bench_copy_reference`;
  await sql`drop table bench_copy_reference`;
  return {
    seconds,
    bytes,
    lines: row?.n ?? 0,
    serverCpu: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null,
  };
}

/** True when the database already holds generated data of exactly this shape. */
async function hasShape({ sql }: DbHandle): Promise<boolean> {
  const [row] = await sql<{ contracts: number; customers: number; skus: number; last_day: string | null }[]>`
    select (select count(*)::int from contracts) as contracts, (select count(*)::int from customers) as customers,
      (select count(*)::int from skus) as skus,
      (select max(day)::text from usage_snapshots
        where customer_id = ${`d0000000-0000-4000-8000-${(N * C).toString(16).padStart(12, "0")}`}::uuid) as last_day`;
  return (
    (await hasSnapshotKey(sql)) &&
    row?.contracts === N &&
    row.customers === N * C &&
    row.skus === Math.max(15, S) &&
    row.last_day === `2026-10-${String(D).padStart(2, "0")}`
  );
}

async function hasSnapshotKey(sql: DbHandle["sql"]): Promise<boolean> {
  const [row] = await sql<{ found: boolean }[]>`select exists (select 1 from pg_constraint
    where conname = 'usage_snapshots_customer_id_sku_id_day_pk') as found`;
  return row?.found === true;
}

/** Every run starts from no invoices: a bench database only (truncate skips the issued-invoice guards). */
async function emptyBillingTables({ sql }: DbHandle) {
  await sql`truncate invoice_reminders, email_attachments, alert_deliveries, email_outbox, credit_note_lines, credit_notes, invoice_lines, invoices, billing_runs, document_sequences`;
}

/** The seed has 15 SKUs; more are generated with prices for every tier and price-list currency. */
async function addSkus(sql: DbHandle["sql"], wanted: number) {
  const extra = Math.max(0, wanted - 15);
  if (extra === 0) return;
  await sql`
    insert into skus (code, name, unit, acronis_unit, aggregation, divisor, sort_order)
    select 'bench_sku_' || g, 'Bench SKU ' || g, 'workload', 'quantity', 'peak', 1, 100 + g
    from generate_series(1, ${extra}) g on conflict do nothing`;
  await sql`
    insert into prices (sku_id, tier_id, currency, unit_price)
    select k.id, t.id, c.currency, 1.2345 from skus k cross join tiers t
    cross join (select distinct currency from prices) c
    where k.code like 'bench_sku_%' on conflict do nothing`;
}
