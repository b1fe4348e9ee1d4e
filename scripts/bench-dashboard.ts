/**
 * Dashboard benchmark (issue 12): fills a database with one large reseller — 50 customers × 15 SKUs, every
 * day of the last 12 months up to today, its closed months billed and issued by the billing run — and 1 000
 * more resellers (USD/EUR/GBP, T0–T5, a few customers with a few services of current-month usage, issued
 * invoices for their past months), refreshes usage_projections as a sync does, then times the dashboard's
 * data functions in this process, called as the route handlers call them, and, given `--url`, the rendered
 * pages and JSON endpoints of a running production server over HTTP.
 *
 *   npm run bench:dashboard -- [--database-url postgres://…/tl_bench_…]   (default: creates tl_bench_dashboard
 *                                                                          on 127.0.0.1:5432, dropped after)
 *                              [--engine pglite [--pglite-dir DIR]]   an on-disk PGlite in this process (a temp
 *                                                                     dir, removed after) instead of PostgreSQL
 *                              [--engine pglite --database-url URL --reuse]   a running app's embedded PGlite
 *                              [--rounds 30] [--warmup 3] [--small-resellers 1000]
 *                              [--as-of YYYY-MM-DD]   the in-process figures as of an earlier day of this month
 *                              [--reuse]   the data of an earlier `--keep` run (generated today)
 *                              [--setup-only] [--keep]   fill and stop / keep the database afterwards
 *                              [--url http://127.0.0.1:PORT [--auth-secret S]]   also time the served pages
 *
 * Pages, on PostgreSQL: `npm run build` once, then start the web role alone on the kept database (no worker;
 * the web role needs an Acronis address, never called by these pages):
 *   TIERLINE_ROLE=web DATABASE_URL=postgres://postgres@127.0.0.1:5432/tl_bench_dashboard AUTH_SECRET=<secret> \
 *     ACRONIS_BASE_URL=http://127.0.0.1:9 ACRONIS_CLIENT_ID=bench ACRONIS_CLIENT_SECRET=bench \
 *     APP_URL=http://127.0.0.1:3107 PORT=3107 npm start
 *   npm run bench:dashboard -- --reuse --keep --url http://127.0.0.1:3107 --auth-secret <secret>
 * On PGlite: fill with `--engine pglite --pglite-dir DIR/pglite --setup-only --keep`, start the app on it
 * (`TIERLINE_DATA_DIR=DIR PGLITE_PORT=54339 AUTH_SECRET=… APP_URL=… PORT=… npm start`: the embedded database,
 * the built-in simulator and the worker), then `--engine pglite --database-url
 * postgres://postgres:postgres@127.0.0.1:54339/postgres --reuse --url …`.
 * The bench signs in by writing a session row and the Auth.js session cookie (a JWT naming that row,
 * encrypted with AUTH_SECRET, as lib/auth/auth.ts issues it), for the reseller's owner and for the admin.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { createDb, type DbHandle, setDbHandle } from "../db/client";
import { runMigrations } from "../db/migrate";
import { seedDatabase } from "../db/seed";
import { systemActor } from "../lib/audit";
import { addDays } from "../lib/billing";
import { monthStartUtc, now, todayUtc } from "../lib/clock";
import { dailySeries } from "../lib/dashboard/daily";
import { customerUsage, monthlyHistory } from "../lib/dashboard/history";
import { usageSummary } from "../lib/dashboard/month";
import { adminUsageOverview } from "../lib/dashboard/overview";
import { refreshProjections } from "../lib/dashboard/projections-store";
import { recommendTiers } from "../lib/dashboard/tier-recommendation";
import { previewTierChanges } from "../lib/dashboard/tiers";
import { env } from "../lib/env";
import { issueBillingRun, startBillingRun } from "../lib/invoices";
import { startEmbeddedPostgres } from "../lib/runtime/embedded-postgres";

const { values: args } = parseArgs({
  options: {
    "database-url": { type: "string" },
    engine: { type: "string", default: "postgresql" },
    "pglite-dir": { type: "string" },
    rounds: { type: "string", default: "30" },
    warmup: { type: "string", default: "3" },
    "small-resellers": { type: "string", default: "1000" },
    reuse: { type: "boolean", default: false },
    "setup-only": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    url: { type: "string" },
    "auth-secret": { type: "string" },
    "as-of": { type: "string" },
  },
});
const ROUNDS = Number(args.rounds);
const WARMUP = Number(args.warmup);
const SMALL = Number(args["small-resellers"]);
const CUSTOMERS = 50;
/** The web process's pool (db/client.ts getDbHandle): the dashboard functions run some reads at once. */
const POOL = 10;
const SKUS = 15;
const TODAY = todayUtc();
/**
 * The day the in-process figures are computed for (`today` of the functions): today by default, or an earlier
 * day of this month (mid-month, the loader aggregates the daily snapshots instead of the monthly rollup).
 */
const AS_OF = args["as-of"] ?? TODAY;
if (AS_OF > TODAY || AS_OF.slice(0, 7) !== TODAY.slice(0, 7))
  throw new Error(`--as-of must be a day of this month up to today (${TODAY})`);
const monthStart = (months: number) => monthStartUtc(new Date(`${TODAY}T00:00:00Z`), months);
/** The large reseller's paid start and first usage day: the 1st of the month eleven months back. */
const FIRST_DAY = monthStart(-11);

// Fixed ids (uuid-shaped, a prefix per kind, the number in the last group): the data can be found again.
const LARGE = {
  reseller: "a0000000-0000-4000-8000-000000000001",
  contract: "a1000000-0000-4000-8000-000000000001",
  owner: "a4000000-0000-4000-8000-000000000001",
};
const idSql = (prefix: string, n: string) =>
  `('${prefix}-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
const idOf = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const FIRST_CUSTOMER = idOf("a2000000", 1);

const rss = { peak: 0, sample: () => (rss.peak = Math.max(rss.peak, process.memoryUsage().rss)) };
const sampler = setInterval(rss.sample, 50);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const seconds = (start: number) => (performance.now() - start) / 1000;

const target = await openDatabase();
const { handle } = target;
await setDbHandle(handle);
const db = handle.db;
const { sql } = handle;
console.log(`engine ${target.engine}, ${os.cpus().length} cores, node ${process.version}, today ${TODAY}`);
console.log(
  `shape: 1 reseller × ${CUSTOMERS} customers × ${SKUS} SKUs × every day ${FIRST_DAY} … ${TODAY}; ` +
    `${SMALL} more resellers`,
);

try {
  if (args.reuse) await checkReusable();
  else await fillDatabase();
  const refreshStart = performance.now();
  const refreshed = await refreshProjections(db, { today: AS_OF });
  console.log(
    `refreshProjections(${AS_OF}): ${seconds(refreshStart).toFixed(2)} s, ${refreshed.stored} contracts rated and stored` +
      ` (what runs after each sync)`,
  );
  if (!args["setup-only"]) {
    await measureInProcess();
    if (args.url) await measureHttp(args.url);
    else console.log("\nHTTP: skipped (no --url of a running `npm start` on this database)");
  }
} finally {
  clearInterval(sampler);
  await target.close();
}

// ————————————————————————————————————————————————————————————————— database

async function openDatabase(): Promise<{ handle: DbHandle; engine: string; close: () => Promise<void> }> {
  if (args.engine === "pglite") {
    if (args["database-url"]) {
      // A running app's embedded PGlite (npm start without DATABASE_URL), reached through its socket.
      if (!args.reuse)
        throw new Error("--engine pglite with --database-url reads existing data: add --reuse");
      const handle = createDb(args["database-url"], { max: POOL, embedded: true });
      return {
        handle,
        engine: "pglite (the app's, over its socket)",
        close: () => handle.sql.end({ timeout: 5 }),
      };
    }
    if (args.reuse && !args["pglite-dir"]) throw new Error("--reuse with --engine pglite needs --pglite-dir");
    const dir = args["pglite-dir"] ?? fs.mkdtempSync(path.join(os.tmpdir(), "tl-bench-dashboard-"));
    const made = !args["pglite-dir"];
    const pg = await startEmbeddedPostgres({ dataDir: dir });
    const handle = createDb(pg.url, { max: POOL, embedded: true });
    return {
      handle,
      engine: `pglite (on disk, ${dir}, in this process)`,
      close: async () => {
        await handle.sql.end({ timeout: 5 });
        await pg.stop();
        if (!args.keep && !args.reuse) fs.rmSync(dir, { recursive: true, force: true });
        else if (made) console.log(`kept ${dir}`);
      },
    };
  }
  const url = new URL(args["database-url"] ?? "postgres://postgres@127.0.0.1:5432/tl_bench_dashboard");
  const name = decodeURIComponent(url.pathname.slice(1));
  const adminUrl = new URL(url);
  adminUrl.pathname = "/postgres";
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  let created = false;
  if (!args.reuse) {
    // A fresh database each time; only one named like a bench database is ever dropped here.
    if (!name.startsWith("tl_bench")) throw new Error(`refusing to recreate ${name}: name it tl_bench_…`);
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    created = true;
  }
  const [{ version } = { version: "?" }] = await admin<{ version: string }[]>`
    select current_setting('server_version') as version`;
  const handle = createDb(url.toString(), { max: POOL, embedded: false });
  return {
    handle,
    engine: `PostgreSQL ${version} (${name})`,
    close: async () => {
      await handle.sql.end({ timeout: 5 });
      if (created && !args.keep) await admin.unsafe(`drop database if exists "${name}" with (force)`);
      else if (created) console.log(`kept database ${name}`);
      await admin.end({ timeout: 5 });
    },
  };
}

async function checkReusable() {
  const [row] = await sql<{ last: string | null }[]>`
    select max(u.day)::text as last from usage_snapshots u join customers c on c.id = u.customer_id
    where c.reseller_id = ${LARGE.reseller}`;
  if (row?.last !== TODAY)
    throw new Error(
      `--reuse: the data ends on ${row?.last ?? "nothing"}, not today (${TODAY}); run without it`,
    );
  console.log("reusing the data of an earlier run");
}

async function fillDatabase() {
  const total = performance.now();
  let step = performance.now();
  const lap = (what: string) => {
    console.log(`  ${what}: ${seconds(step).toFixed(1)} s`);
    step = performance.now();
  };
  console.log("setup:");
  await runMigrations(db);
  await seedDatabase(db, { today: now(), demo: false });
  // The seed's FX rates go six months back; the overview converts twelve months of invoices.
  await sql`
    insert into fx_rates (from_currency, to_currency, rate, date, source)
    select r.from_currency, r.to_currency, r.rate, (r.date - make_interval(months => k))::date, 'bench'
    from fx_rates r cross join generate_series(1, 7) k
    where r.date = (select min(date) from fx_rates) on conflict do nothing`;
  lap("migrations, catalogue seed, FX history");

  await sql`
    insert into resellers (id, name, legal_name, address_line1, city, postal_code, country, tax_rate_percent,
      currency, billing_email, status, internal_tag)
    values (${LARGE.reseller}, 'Bench Large', 'Bench Large Ltd', '1 Bench Street', 'Bench City', '10001', 'US', 0,
      'USD', 'billing@bench-large.example', 'active', 'bench-large')`;
  await sql`
    insert into contracts (id, reseller_id, state, currency, tier_id, paid_start, ramp_up_cycles)
    select ${LARGE.contract}, ${LARGE.reseller}, 'active', 'USD', id, ${FIRST_DAY}, 0 from tiers where code = 'T3'`;
  await sql`
    insert into contract_tier_history (contract_id, tier_id, effective_from, kind)
    select id, tier_id, paid_start, 'order' from contracts where id = ${LARGE.contract}`;
  await sql`
    insert into users (id, email, name, role, reseller_id, email_verified_at)
    values (${LARGE.owner}, 'owner@bench-large.example', 'Bench Owner', 'owner', ${LARGE.reseller}, now())`;
  await sql.unsafe(`
    insert into customers (id, reseller_id, acronis_tenant_id, name)
    select ${idSql("a2000000", "g")}, '${LARGE.reseller}', ${idSql("a3000000", "g")}, 'Customer ' || lpad(g::text, 2, '0')
    from generate_series(1, ${CUSTOMERS}) g`);
  // One insert per month, as syncs write them; usage_monthly's statement triggers fire on each.
  let rows = 0;
  for (let m = -11; m <= 0; m += 1) {
    const from = monthStart(m);
    const to = m === 0 ? TODAY : addDays(monthStart(m + 1), -1);
    const inserted = await sql.unsafe(`
      insert into usage_snapshots (customer_id, sku_id, day, value)
      select ${idSql("a2000000", "g")}, k.id, d::date, ${valueSql("g", "d::date")}
      from generate_series(1, ${CUSTOMERS}) g
      cross join (select id, aggregation, divisor, row_number() over (order by sort_order, code)::int as rn
                  from skus order by sort_order, code limit ${SKUS}) k
      cross join generate_series('${from}'::date, '${to}'::date, interval '1 day') d
      order by 1, 2, 3`);
    rows += inserted.count;
  }
  lap(`large reseller: ${rows} snapshots, 12 inserts with the usage_monthly triggers`);

  // Its closed months billed by the billing run (one contract so far), oldest first: invoices and lines.
  let issued = 0;
  for (let m = -11; m <= -1; m += 1) {
    const period = monthStart(m).slice(0, 7);
    const run = await startBillingRun(db, { period, actor: systemActor, today: TODAY });
    issued += (await issueBillingRun(db, { runId: run.id, actor: systemActor, today: TODAY })).issuedInvoices;
  }
  lap(`large reseller: ${issued} closed months billed and issued (billing run)`);

  await fillSmallResellers();
  lap(`${SMALL} more resellers: contracts, customers, current-month usage, issued invoices`);
  if (args.engine === "pglite") await sql`checkpoint`;
  await sql`vacuum analyze`; // as autovacuum would after a load: statistics and the visibility map
  lap("vacuum analyze");
  const [count] = await sql<{ snapshots: number; invoices: number; lines: number }[]>`
    select (select count(*)::int from usage_snapshots) as snapshots, (select count(*)::int from invoices) as invoices,
      (select count(*)::int from invoice_lines) as lines`;
  console.log(
    `  total setup ${seconds(total).toFixed(1)} s: ${count?.snapshots} snapshots, ${count?.invoices} invoices, ` +
      `${count?.lines} invoice lines`,
  );
}

/**
 * A daily value: device counts that step up and down every nine days and grow over the year, storage (GB
 * SKUs) growing a little every day, compute seconds (the `last` SKU) accumulated since the 1st.
 */
function valueSql(customer: string, day: string): string {
  const i = `(${day} - date '${FIRST_DAY}')`;
  return `case when k.aggregation = 'last' then extract(day from ${day})::int * 3600 * ((${customer} + k.rn) % 5 + 1)
    when k.divisor > 1 then round((((${customer} * 7 + k.rn * 11) % 200 + 20) + ${i} * 0.05 * (k.rn % 3 + 1)) * 1073741824)
    else ((${customer} * 7 + k.rn * 13) % 25) + 1 + ((${i} + ${customer} + k.rn) / 9) % 4 + ${i} / 60 end`;
}

async function fillSmallResellers() {
  const n = SMALL;
  const reseller = idSql("b0000000", "g");
  const currency = "(array['USD','EUR','GBP'])[g % 3 + 1]";
  await sql.unsafe(`
    insert into resellers (id, name, legal_name, address_line1, city, postal_code, country, tax_rate_percent,
      currency, billing_email, status, internal_tag)
    select ${reseller}, 'Reseller ' || lpad(g::text, 4, '0'), 'Reseller ' || g || ' Ltd', g || ' Bench Street',
      'Bench City', lpad(g::text, 5, '0'), (array['US','DE','GB'])[g % 3 + 1], (array['0','19','20'])[g % 3 + 1]::numeric,
      ${currency}, 'billing' || g || '@bench.example', 'active', 'bench-' || g
    from generate_series(1, ${n}) g`);
  // Paid from this month back to thirteen months ago; one in four has three ramp-up cycles.
  await sql.unsafe(`
    insert into contracts (id, reseller_id, state, currency, tier_id, paid_start, ramp_up_cycles)
    select ${idSql("b1000000", "g")}, ${reseller}, 'active', ${currency}, t.id,
      (date_trunc('month', date '${TODAY}') - make_interval(months => g % 14))::date, case when g % 4 = 0 then 3 else 0 end
    from generate_series(1, ${n}) g join tiers t on t.code = (array['T0','T1','T2','T3','T4','T5'])[g % 6 + 1]`);
  await sql`
    insert into contract_tier_history (contract_id, tier_id, effective_from, kind)
    select c.id, c.tier_id, c.paid_start, 'order' from contracts c
    where not exists (select 1 from contract_tier_history h where h.contract_id = c.id)`;
  // One to four customers each (customer number g * 4 + j), three services each, every day of this month.
  await sql.unsafe(`
    insert into customers (id, reseller_id, acronis_tenant_id, name)
    select ${idSql("b2000000", "g * 4 + j")}, ${reseller}, ${idSql("b3000000", "g * 4 + j")}, 'Customer ' || g || '-' || j
    from generate_series(1, ${n}) g cross join generate_series(0, 3) j where j <= g % 4`);
  await sql.unsafe(`
    insert into usage_snapshots (customer_id, sku_id, day, value)
    select c.id, k.id, d::date, ${valueSql("c.n", "d::date")}
    from (select ${idSql("b2000000", "g * 4 + j")} as id, g * 4 + j as n
          from generate_series(1, ${n}) g cross join generate_series(0, 3) j where j <= g % 4) c
    join (select id, aggregation, divisor, row_number() over (order by sort_order, code)::int as rn from skus) k
      on k.rn in (c.n % 15 + 1, (c.n + 5) % 15 + 1, (c.n + 10) % 15 + 1)
    cross join generate_series(date_trunc('month', date '${TODAY}'), date '${TODAY}', interval '1 day') d
    order by 1, 2, 3`);
  // Issued invoices for their closed months (twelve at most), amounts consistent with the engine's rules:
  // top-up = commitment − consumption when above it (none in a ramp-up cycle), tax on the subtotal.
  await sql.unsafe(`
    with m as (
      select g, c.id as contract_id, c.reseller_id, c.currency, c.ramp_up_cycles, t.code, t.name,
        round(t.commitment_usd * case c.currency when 'EUR' then 0.92 when 'GBP' then 0.79 else 1 end, 2) as commitment,
        case c.currency when 'EUR' then 0.92 when 'GBP' then 0.79 else 1 end as fx, r.tax_rate_percent, p::date as month,
        ((extract(year from p) - extract(year from c.paid_start)) * 12
          + extract(month from p) - extract(month from c.paid_start))::int + 1 as cycle
      from generate_series(1, ${n}) g
      join contracts c on c.id = ${idSql("b1000000", "g")}
      join tiers t on t.id = c.tier_id
      join resellers r on r.id = c.reseller_id
      cross join generate_series(date_trunc('month', date '${TODAY}') - interval '12 months',
        date_trunc('month', date '${TODAY}') - interval '1 month', interval '1 month') p
      where p >= c.paid_start
    ), a as (
      select m.*, cycle <= ramp_up_cycles as waived,
        round(((g % 40) + 1) * 37.5 * fx * (1 + 0.04 * cycle) * (0.9 + ((g * 7 + cycle) % 5) * 0.05), 2) as consumption,
        extract(day from (month + interval '1 month' - interval '1 day'))::int as days
      from m
    ), b as (
      select a.*, case when waived then 0 else greatest(commitment - consumption, 0) end as top_up from a
    ), s as (
      select b.*, consumption + top_up as subtotal, round((consumption + top_up) * tax_rate_percent / 100, 2) as tax from b
    )
    insert into invoices (contract_id, reseller_id, period, number, status, currency, invoice_date, tier_code,
      tier_name, cycle, active_days, period_days, commitment, consumption, top_up, ramp_up_waived, ramp_up_cycle,
      ramp_up_cycles, subtotal, tax_rate_percent, tax, total, issued_at, paid_at)
    select contract_id, reseller_id, to_char(month, 'YYYY-MM'), 'BENCH-' || to_char(month, 'YYYY-MM') || '-' || lpad(g::text, 5, '0'),
      (case when month < date_trunc('month', date '${TODAY}') - interval '2 months' then 'paid' else 'issued' end)::invoice_status,
      currency, (month + interval '1 month')::date, code, name, cycle, days, days, commitment, consumption, top_up,
      waived, case when waived then cycle end, case when waived then ramp_up_cycles end, subtotal, tax_rate_percent,
      tax, subtotal + tax, month + interval '1 month',
      case when month < date_trunc('month', date '${TODAY}') - interval '2 months' then month + interval '1 month 20 days' end
    from s order by month, g`);
}

// ————————————————————————————————————————————————————————————————— measuring

type Timing = { name: string; wall: number[]; cpu: number[] };

/** `fn` once per round after the warm-up rounds: wall time and this process's CPU time per call. */
async function time(name: string, fn: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < WARMUP; i += 1) await fn();
  const timing: Timing = { name, wall: [], cpu: [] };
  for (let i = 0; i < ROUNDS; i += 1) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await fn();
    timing.wall.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    timing.cpu.push((used.user + used.system) / 1000);
  }
  return timing;
}

function printTimings(title: string, timings: readonly Timing[], cpuNote: string) {
  console.log(`\n${title} (${WARMUP} warm-up + ${ROUNDS} rounds each, one call at a time)`);
  console.log(
    `${"".padEnd(40)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"max ms".padStart(9)}   ${cpuNote}`,
  );
  for (const t of timings) {
    const ms = (v: number) => v.toFixed(1).padStart(9);
    console.log(
      `${t.name.padEnd(40)}${ms(percentile(t.wall, 0.5))}${ms(percentile(t.wall, 0.95))}${ms(Math.max(...t.wall))}` +
        `${t.cpu.length > 0 ? ms(percentile(t.cpu, 0.5)) : ""}`,
    );
  }
}

async function measureInProcess() {
  const R = LARGE.reseller;
  const today = AS_OF;
  const monthFirst = `${AS_OF.slice(0, 7)}-01`;
  rss.peak = 0;
  const timings: Timing[] = [];
  // Reference: the database alone, one aggregate over the month's snapshots of the reseller's customers.
  timings.push(
    await time("reference: count+sum of month's snapshots", () =>
      sql`select count(*), sum(value) from usage_snapshots
          where customer_id in (select id from customers where reseller_id = ${R}) and day >= ${monthFirst}::date
          and day <= ${today}::date`.then((rows) => rows),
    ),
  );
  timings.push(await time("summary", () => usageSummary(db, R, {}, today)));
  timings.push(
    await time("summary, customer filter", () => usageSummary(db, R, { customer: FIRST_CUSTOMER }, today)),
  );
  timings.push(await time("daily by customer", () => dailySeries(db, R, { by: "customer" }, today)));
  timings.push(await time("daily by service", () => dailySeries(db, R, { by: "service" }, today)));
  timings.push(await time("history (12 months)", () => monthlyHistory(db, R, { month: undefined }, today)));
  timings.push(
    await time("customer page", () => customerUsage(db, R, FIRST_CUSTOMER, { month: undefined }, today)),
  );
  timings.push(await time("tier preview", () => previewTierChanges(db, R, today)));
  timings.push(await time("tier recommendation", () => recommendTiers(db, R, today)));
  // The usage page's server prefetch (lib/dashboard/prefetch.ts): summary and history at once; the daily
  // chart is fetched by the browser after the first paint. (Not imported: react-query's module needs React's
  // client build, and this script runs with the react-server condition.)
  timings.push(
    await time("usage page data (summary+history)", () =>
      Promise.all([usageSummary(db, R, {}, today), monthlyHistory(db, R, { month: undefined }, today)]),
    ),
  );
  timings.push(
    await time("admin overview (1 001 resellers)", () => adminUsageOverview(db, { today, months: 12 })),
  );
  rss.sample();
  printTimings(
    `in-process (lib/dashboard as the route handlers call it), as of ${AS_OF}`,
    timings,
    "node CPU p50 ms",
  );
  console.log(
    `peak RSS during the measurement ${mb(rss.peak)} (this process${args.engine === "pglite" && !args["database-url"] ? ", PGlite included" : ""})`,
  );
}

async function measureHttp(base: string) {
  const secret = authSecret();
  const owner = await signIn(LARGE.owner, secret);
  const [admin] = await sql<
    { id: string }[]
  >`select id from users where role = 'admin' order by created_at limit 1`;
  if (!admin) throw new Error("no admin user (the seed creates one)");
  const staff = await signIn(admin.id, secret);
  const timings: Timing[] = [];
  const get = (cookie: string, pathname: string) => async () => {
    const response = await fetch(new URL(pathname, base), { headers: { cookie }, redirect: "manual" });
    const body = await response.text();
    if (response.status !== 200)
      throw new Error(
        `GET ${pathname}: ${response.status} ${response.headers.get("location") ?? body.slice(0, 200)}`,
      );
  };
  try {
    const pages: [string, string, string][] = [
      ["page /portal/usage", owner.cookie, "/portal/usage"],
      ["page /portal/customers/[id]", owner.cookie, `/portal/customers/${FIRST_CUSTOMER}`],
      ["page /admin/usage", staff.cookie, "/admin/usage"],
      ["GET /api/portal/usage/summary", owner.cookie, "/api/portal/usage/summary"],
      ["GET …/summary?customer=", owner.cookie, `/api/portal/usage/summary?customer=${FIRST_CUSTOMER}`],
      ["GET …/daily?by=customer", owner.cookie, "/api/portal/usage/daily?by=customer"],
      ["GET …/daily?by=service", owner.cookie, "/api/portal/usage/daily?by=service"],
      ["GET …/history", owner.cookie, "/api/portal/usage/history"],
      ["GET …/customers/[id]", owner.cookie, `/api/portal/usage/customers/${FIRST_CUSTOMER}`],
      ["GET …/tiers/preview", owner.cookie, "/api/portal/usage/tiers/preview"],
      ["GET …/tiers/recommendation", owner.cookie, "/api/portal/usage/tiers/recommendation"],
      ["GET /api/admin/usage/overview", staff.cookie, "/api/admin/usage/overview"],
    ];
    for (const [name, cookie, pathname] of pages) timings.push(await time(name, get(cookie, pathname)));
    printTimings(`HTTP, ${base} (production server, whole response read)`, timings, "bench CPU p50 ms");
  } finally {
    await sql`delete from sessions where id in (${owner.sessionId}, ${staff.sessionId})`;
  }
}

/** The secret `npm start` signs sessions with: --auth-secret, AUTH_SECRET, else the one it kept in .data/. */
function authSecret(): string {
  const given = args["auth-secret"] ?? env().AUTH_SECRET;
  if (given) return given;
  const file = path.resolve(env().TIERLINE_DATA_DIR ?? ".data", "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  throw new Error("--url needs the server's AUTH_SECRET (--auth-secret, AUTH_SECRET or .data/auth-secret)");
}

/** A session row and the Auth.js cookie naming it, as a password sign-in would leave them (lib/auth). */
async function signIn(userId: string, secret: string) {
  const [session] = await sql<{ id: string }[]>`
    insert into sessions (user_id, expires_at, user_agent) values (${userId}, now() + interval '1 hour', 'bench-dashboard')
    returning id`;
  if (!session) throw new Error("no session row");
  // Over plain http Auth.js names the cookie without the __Secure- prefix; the salt is the cookie's name.
  const name = "authjs.session-token";
  const token = await encode({ token: { sub: userId, sid: session.id }, secret, salt: name, maxAge: 3600 });
  return { sessionId: session.id, cookie: `${name}=${token}` };
}

// ————————————————————————————————————————————————————————————————— helpers

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
}
