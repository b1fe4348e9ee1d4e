/**
 * Lists benchmark (issue 16): fills a scratch database with N resellers (each with a live contract),
 * 20 customers each, 12 months of issued invoices per reseller (N × 12) and 10 × N audit entries, all by
 * set-based SQL (`insert … select … generate_series`), then times in this process, as the pages call them,
 * the resellers and invoices lists (lib/admin/reseller-list.ts, lib/admin/invoice-list.ts over lib/lists:
 * first page, a deep page reached by following `nextCursor`, searches, a filtered page) and the back
 * office's global search (lib/search). The database is a fresh one on BENCH_DATABASE_URL's (else
 * DATABASE_URL's) server, created and dropped here, or, with neither set, an in-memory PGlite in this process.
 *
 *   BENCH_RESELLERS=10000 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:lists
 *   npm run bench:lists -- [--resellers N] [--rounds 50] [--warmup 3] [--deep 20] [--keep] [--http]
 *
 * With `--http` (PostgreSQL only; run `npm run build` first) it also starts the production build on that
 * scratch database (web role only, as one of several web processes would run; scripts/bench-server.ts),
 * signs in as a back-office admin through Auth.js and requests every list page as a browser would — the
 * first page, a deep page reached by following each page's "Next" link, a search and a filter — timing
 * each (p50/p95 over `--http-rounds`) and printing the HTML's size and the web process's memory.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { createDb, type DbHandle } from "../db/client";
import { runMigrations } from "../db/migrate";
import { seedDatabase } from "../db/seed";
import { type InvoiceListParams, invoiceListSpec, listInvoicePage } from "../lib/admin/invoice-list";
import { listResellerPage, type ResellerListParams, resellerListSpec } from "../lib/admin/reseller-list";
import { hashPassword } from "../lib/auth/password";
import { now, todayUtc } from "../lib/clock";
import { parseListParams, type SearchParams } from "../lib/lists/params";
import { startEmbeddedPostgres } from "../lib/runtime/embedded-postgres";
import { globalSearch } from "../lib/search";
import { freePort, percentile, requireBuild, startServer } from "./bench-server";

const { values: args } = parseArgs({
  options: {
    resellers: { type: "string", default: process.env.BENCH_RESELLERS ?? "1000" },
    rounds: { type: "string", default: "50" },
    warmup: { type: "string", default: "3" },
    deep: { type: "string", default: "20" },
    keep: { type: "boolean", default: false },
    http: { type: "boolean", default: false },
    "http-rounds": { type: "string", default: "30" },
  },
});
const N = Number(args.resellers);
const ROUNDS = Number(args.rounds);
const WARMUP = Number(args.warmup);
const DEEP = Number(args.deep);
const CUSTOMERS = 20;
const MONTHS = 12;
const AUDIT_PER_RESELLER = 10;
if (!Number.isInteger(N) || N < 100) throw new Error("--resellers: a whole number of at least 100");
const TODAY = todayUtc();

const rss = { peak: 0, sample: () => (rss.peak = Math.max(rss.peak, process.memoryUsage().rss)) };
const sampler = setInterval(rss.sample, 50);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const seconds = (start: number) => ((performance.now() - start) / 1000).toFixed(1);

// ————————————————————————————————————————————————————————————————— database

async function openDatabase(): Promise<{
  handle: DbHandle;
  engine: string;
  url: string | null;
  close: () => Promise<void>;
}> {
  const base = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!base) {
    if (args.http) throw new Error("--http measures PostgreSQL: set BENCH_DATABASE_URL");
    const pg = await startEmbeddedPostgres({ dataDir: null });
    process.env.TIERLINE_DB_ENGINE = "pglite";
    const handle = createDb(pg.url, { max: 5, embedded: true });
    return {
      handle,
      engine: "PGlite (embedded, in-memory, in this process)",
      url: null,
      close: async () => {
        await handle.sql.end({ timeout: 2 });
        await pg.stop();
      },
    };
  }
  // A fresh database on that server, dropped afterwards (unless --keep).
  const name = `tl_bench_lists_${randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const [{ version } = { version: "?" }] = await admin<{ version: string }[]>`
    select current_setting('server_version') as version`;
  // The web process's pool size (db/client.ts): a list runs its page and its count at once.
  const handle = createDb(url.toString(), { max: 10, embedded: false });
  return {
    handle,
    engine: `PostgreSQL ${version} (scratch database ${name})`,
    url: url.toString(),
    close: async () => {
      await handle.sql.end({ timeout: 2 });
      if (args.keep) console.log(`kept database ${name}`);
      else await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 2 });
    },
  };
}

/** A uuid with a per-kind prefix and the number in its last group, so rows can be found again. */
const idSql = (prefix: string, n: string) =>
  `('${prefix}-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;

/** Reseller g's name, tax id: deterministic, so the searches below know what to look for. */
const WORDS_A = `array['Nordic','Alpine','Harbor','Summit','Cedar','Atlas','Beacon','Crescent','Delta','Evergreen']`;
const WORDS_B = `array['Cloud','Backup','Systems','Networks','IT Services','Data','Secure','Digital','Tech','Solutions']`;
const nameSql = `(${WORDS_A})[g % 10 + 1] || ' ' || (${WORDS_B})[(g / 10) % 10 + 1] || ' ' || lpad(g::text, 5, '0')`;
const countrySql = `(array['DE','GB','US','FR','NL'])[g % 5 + 1]`;
const taxIdSql = `${countrySql} || lpad(((g::bigint * 7919 + 104729) % 1000000000)::text, 9, '0')`;
const taxIdOf = (g: number) =>
  `${["DE", "GB", "US", "FR", "NL"][g % 5]}${String((g * 7919 + 104729) % 1_000_000_000).padStart(9, "0")}`;

async function fill() {
  const total = performance.now();
  let step = performance.now();
  const lap = (what: string) => {
    console.log(`  ${what}: ${seconds(step)} s`);
    step = performance.now();
  };
  console.log("setup:");
  await runMigrations(db);
  await seedDatabase(db, { today: now(), demo: false });
  lap("migrations and catalogue seed");
  const reseller = idSql("c0000000", "g");
  const currency = "(array['EUR','GBP','USD'])[g % 3 + 1]";
  await sql.unsafe(`
    insert into resellers (id, name, legal_name, address_line1, city, postal_code, country, tax_id, tax_rate_percent,
      currency, billing_email, status, internal_tag, acronis_tenant_id, acronis_admin_login, approved_at, created_at)
    select ${reseller}, ${nameSql}, ${nameSql} || ' Ltd', g || ' Bench Street', 'Bench City', lpad(g::text, 5, '0'),
      ${countrySql}, ${taxIdSql}, (array['19','20','0','20','21'])[g % 5 + 1]::numeric, ${currency},
      'billing' || g || '@reseller' || g || '.example',
      (case when g % 50 = 0 then 'closed' else 'active' end)::reseller_status, 'bench-' || g,
      ${idSql("c3000000", "g")}, 'admin-' || g || '@reseller' || g || '.example',
      now() - g * interval '37 minutes', now() - g * interval '37 minutes'
    from generate_series(1, ${N}) g`);
  lap(`${N} resellers`);
  await sql.unsafe(`
    insert into contracts (id, reseller_id, state, currency, tier_id, paid_start, ramp_up_cycles)
    select ${idSql("c1000000", "g")}, ${reseller}, 'active', ${currency}, t.id,
      (date_trunc('month', date '${TODAY}') - interval '13 months')::date, 0
    from generate_series(1, ${N}) g join tiers t on t.code = (array['T0','T1','T2','T3','T4','T5'])[g % 6 + 1]`);
  await sql`
    insert into contract_tier_history (contract_id, tier_id, effective_from, kind)
    select id, tier_id, paid_start, 'order' from contracts`;
  lap(`${N} contracts`);
  await sql.unsafe(`
    insert into customers (id, reseller_id, acronis_tenant_id, name)
    select ${idSql("c2000000", `g * ${CUSTOMERS} + j`)}, ${reseller}, ${idSql("c4000000", `g * ${CUSTOMERS} + j`)},
      'Customer ' || g || '-' || j
    from generate_series(1, ${N}) g cross join generate_series(0, ${CUSTOMERS - 1}) j`);
  lap(`${N * CUSTOMERS} customers`);
  // Twelve closed months per contract, numbered per year as the issue step does (INV-YYYY-NNNNNN).
  await sql.unsafe(`
    with m as (
      select g, c.id as contract_id, c.reseller_id, c.currency, t.code, t.name, r.tax_rate_percent, p::date as month,
        round((array[250,500,1000,2500,5000,10000])[g % 6 + 1] * case c.currency when 'EUR' then 0.92 when 'GBP' then 0.79 else 1 end, 2) as commitment,
        round(((g % 40) + 1) * 37.5 * (0.9 + ((g * 7 + extract(month from p)::int) % 5) * 0.05), 2) as consumption,
        ((extract(year from p) - extract(year from c.paid_start)) * 12
          + extract(month from p) - extract(month from c.paid_start))::int + 1 as cycle,
        extract(day from (p + interval '1 month' - interval '1 day'))::int as days
      from generate_series(1, ${N}) g
      join contracts c on c.id = ${idSql("c1000000", "g")}
      join tiers t on t.id = c.tier_id
      join resellers r on r.id = c.reseller_id
      cross join generate_series(date_trunc('month', date '${TODAY}') - interval '${MONTHS} months',
        date_trunc('month', date '${TODAY}') - interval '1 month', interval '1 month') p
    ), s as (
      select m.*, greatest(commitment - consumption, 0) as top_up,
        consumption + greatest(commitment - consumption, 0) as subtotal,
        round((consumption + greatest(commitment - consumption, 0)) * tax_rate_percent / 100, 2) as tax,
        row_number() over (partition by extract(year from month + interval '1 month') order by month, g) as seq
      from m
    )
    insert into invoices (contract_id, reseller_id, period, number, status, currency, invoice_date, tier_code,
      tier_name, cycle, active_days, period_days, commitment, consumption, top_up, ramp_up_waived, subtotal,
      tax_rate_percent, tax, total, issued_at, paid_at)
    select contract_id, reseller_id, to_char(month, 'YYYY-MM'),
      'INV-' || to_char(month + interval '1 month', 'YYYY') || '-' || lpad(seq::text, 6, '0'),
      (case when month < date_trunc('month', date '${TODAY}') - interval '2 months' then 'paid' else 'issued' end)::invoice_status,
      currency, (month + interval '1 month')::date, code, name, cycle, days, days, commitment, consumption, top_up,
      false, subtotal, tax_rate_percent, tax, subtotal + tax, month + interval '1 month',
      case when month < date_trunc('month', date '${TODAY}') - interval '2 months' then month + interval '1 month 20 days' end
    from s order by month, g`);
  lap(`${N * MONTHS} issued invoices`);
  await sql.unsafe(`
    insert into audit_log (at, actor_label, action, entity_type, entity_id, reseller_id, data)
    select now() - k * interval '3 minutes', 'bench', (array['invoice.issued','reseller.updated','contract.tier_changed',
      'user.signed_in','invoice.paid'])[k % 5 + 1], 'reseller', ${idSql("c0000000", `(k % ${N}) + 1`)}::text,
      ${idSql("c0000000", `(k % ${N}) + 1`)}, jsonb_build_object('n', k)
    from generate_series(1, ${AUDIT_PER_RESELLER * N}) k`);
  lap(`${AUDIT_PER_RESELLER * N} audit entries`);
  // What the other lists read: two emails a reseller, a provisioning job per contract, the twelve billing
  // runs, a credit note on every tenth reseller's latest invoice, and a month of hourly usage syncs.
  await sql.unsafe(`
    insert into email_outbox (to_address, subject, text_body, display_text, template, reseller_id, status, attempts,
      created_at, sent_at)
    select 'billing' || g || '@reseller' || g || '.example', 'Invoice ' || k || ' for reseller ' || g,
      'Your invoice is attached.', 'Your invoice is attached.', (array['invoice_issued','invoice_reminder'])[k],
      ${reseller}, 'sent', 1, now() - (g * 2 + k) * interval '11 minutes', now() - (g * 2 + k) * interval '11 minutes'
    from generate_series(1, ${N}) g cross join generate_series(1, 2) k`);
  await sql.unsafe(`
    insert into provisioning_jobs (contract_id, kind, status, attempts, created_at, updated_at, finished_at)
    select ${idSql("c1000000", "g")}, 'provision', (case when g % 97 = 0 then 'failed' else 'succeeded' end)::job_status,
      1, now() - g * interval '37 minutes', now() - g * interval '37 minutes', now() - g * interval '37 minutes'
    from generate_series(1, ${N}) g`);
  await sql.unsafe(`
    insert into billing_runs (period, status, total_contracts, processed_contracts, issued_invoices, started_at,
      finished_at, updated_at)
    select to_char(p, 'YYYY-MM'), 'issued', ${N}, ${N}, ${N}, p + interval '1 month', p + interval '1 month 1 minute',
      p + interval '1 month 1 minute'
    from generate_series(date_trunc('month', date '${TODAY}') - interval '${MONTHS} months',
      date_trunc('month', date '${TODAY}') - interval '1 month', interval '1 month') p`);
  await sql.unsafe(`
    insert into credit_notes (invoice_id, number, reason, subtotal, tax, total, created_at)
    select i.id, 'CN-' || to_char(i.issued_at, 'YYYY') || '-' || lpad(row_number() over (order by i.id)::text, 6, '0'),
      'Goodwill credit', round(i.subtotal / 10, 2), round(i.tax / 10, 2), round(i.subtotal / 10, 2) + round(i.tax / 10, 2),
      i.issued_at + interval '5 days'
    from invoices i where i.period = to_char(date_trunc('month', date '${TODAY}') - interval '1 month', 'YYYY-MM')
      and right(i.reseller_id::text, 1) = '0'`);
  await sql.unsafe(`
    insert into usage_sync_runs (kind, status, started_at, finished_at, tenants, rows)
    select 'scheduled', 'succeeded', now() - h * interval '1 hour', now() - h * interval '1 hour' + interval '40 seconds',
      ${N * (CUSTOMERS + 1)}, ${N * CUSTOMERS * 6}
    from generate_series(1, 24 * 30) h`);
  lap("outbox, provisioning jobs, billing runs, credit notes, sync runs");
  await sql`vacuum analyze`; // as autovacuum would after a load: statistics and the visibility map
  lap("vacuum analyze");
  const [c] = await sql<Record<string, number>[]>`
    select (select count(*)::int from resellers) as resellers, (select count(*)::int from contracts) as contracts,
      (select count(*)::int from customers) as customers, (select count(*)::int from invoices) as invoices,
      (select count(*)::int from audit_log) as audit_entries, (select count(*)::int from email_outbox) as emails,
      (select count(*)::int from credit_notes) as credit_notes, (select count(*)::int from users) as users`;
  console.log(`  total setup ${seconds(total)} s; rows: ${JSON.stringify(c)}`);
}

// ————————————————————————————————————————————————————————————————— measuring

type Timing = { name: string; wall: number[]; rows: string };

async function time(name: string, fn: () => Promise<string>): Promise<Timing> {
  let rows = "";
  for (let i = 0; i < WARMUP; i += 1) rows = await fn();
  const wall: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const start = performance.now();
    rows = await fn();
    wall.push(performance.now() - start);
  }
  return { name, wall, rows };
}

const resellerParams = (p: SearchParams) => parseListParams(resellerListSpec, p) as ResellerListParams;
const invoiceParams = (p: SearchParams) => parseListParams(invoiceListSpec, p) as InvoiceListParams;
const pageRows = (page: { rows: unknown[]; count: { value: number; exact: boolean } }) =>
  `${page.rows.length} (count ${page.count.value}${page.count.exact ? "" : "+"})`;

/**
 * The cursor of page `DEEP + 1` (or the last page of a shorter list) and that page's number, reached as a
 * user would: `nextCursor` of each page in turn.
 */
async function deepCursor(
  next: (after: string | null) => Promise<string | null>,
): Promise<{ after: string; page: number }> {
  let after: string | null = null;
  let page = 1;
  for (let i = 0; i < DEEP; i += 1) {
    const cursor: string | null = await next(after);
    if (!cursor) break;
    after = cursor;
    page += 1;
  }
  if (!after) throw new Error("the list has one page only");
  return { after, page };
}

async function measure() {
  rss.peak = 0;
  const timings: Timing[] = [];
  // References in the same run: a round trip, and the invoices' bare keyset read over their (period, id) index.
  timings.push(await time("reference: select 1", async () => `${(await sql`select 1`).length}`));
  timings.push(
    await time(
      "reference: 26 invoice ids by (period, id)",
      async () => `${(await sql`select id from invoices order by period desc, id desc limit 26`).length}`,
    ),
  );

  // Resellers (25 a page, the default; newest first).
  timings.push(
    await time("resellers: first page", async () => pageRows(await listResellerPage(db, resellerParams({})))),
  );
  const rDeep = await deepCursor(
    async (after) => (await listResellerPage(db, resellerParams(after ? { after } : {}))).nextCursor,
  );
  timings.push(
    await time(`resellers: page ${rDeep.page} (cursor)`, async () =>
      pageRows(await listResellerPage(db, resellerParams({ after: rDeep.after }))),
    ),
  );
  const g = Math.floor(N * 0.73);
  const taxFragment = taxIdOf(g).slice(3, 9);
  timings.push(
    await time(`resellers: search tax id "${taxFragment}"`, async () =>
      pageRows(await listResellerPage(db, resellerParams({ q: taxFragment }))),
    ),
  );
  timings.push(
    await time(`resellers: search name "Harbor Dat"`, async () =>
      pageRows(await listResellerPage(db, resellerParams({ q: "Harbor Dat" }))),
    ),
  );
  timings.push(
    await time("resellers: tier T3, sort name", async () =>
      pageRows(await listResellerPage(db, resellerParams({ tier: "T3", sort: "name" }))),
    ),
  );

  // Invoices (25 a page; latest period first).
  timings.push(
    await time("invoices: first page", async () => pageRows(await listInvoicePage(db, invoiceParams({})))),
  );
  const iDeep = await deepCursor(
    async (after) => (await listInvoicePage(db, invoiceParams(after ? { after } : {}))).nextCursor,
  );
  timings.push(
    await time(`invoices: page ${iDeep.page} (cursor)`, async () =>
      pageRows(await listInvoicePage(db, invoiceParams({ after: iDeep.after }))),
    ),
  );
  const [sample] = await sql<{ number: string; period: string }[]>`
    select number, period from invoices order by number offset ${Math.floor((N * MONTHS) / 3)} limit 1`;
  if (!sample) throw new Error("no invoice");
  timings.push(
    await time(`invoices: search number "${sample.number}"`, async () =>
      pageRows(await listInvoicePage(db, invoiceParams({ q: sample.number }))),
    ),
  );
  timings.push(
    await time(`invoices: EUR, period ${sample.period}`, async () =>
      pageRows(await listInvoicePage(db, invoiceParams({ currency: "EUR", period: sample.period }))),
    ),
  );
  timings.push(
    await time(`invoices: EUR, ${sample.period}, page 2`, async () => {
      const first = await listInvoicePage(db, invoiceParams({ currency: "EUR", period: sample.period }));
      const after = first.nextCursor ?? undefined;
      return pageRows(
        await listInvoicePage(db, invoiceParams({ currency: "EUR", period: sample.period, after })),
      );
    }),
  );

  // The header's global search (every kind at once, 5 hits a kind).
  timings.push(
    await time(
      `global search "${sample.number}"`,
      async () => `${(await globalSearch(db, sample.number)).length}`,
    ),
  );
  timings.push(
    await time(
      `global search "${taxFragment}"`,
      async () => `${(await globalSearch(db, taxFragment)).length}`,
    ),
  );
  rss.sample();

  console.log(`\nin process (${WARMUP} warm-up + ${ROUNDS} rounds each, one call at a time; 25 rows a page)`);
  console.log(
    `${"operation".padEnd(44)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"max ms".padStart(9)}   rows`,
  );
  for (const t of timings) {
    const ms = (v: number) => v.toFixed(1).padStart(9);
    console.log(
      `${t.name.padEnd(44)}${ms(percentile(t.wall, 0.5))}${ms(percentile(t.wall, 0.95))}${ms(Math.max(...t.wall))}   ${t.rows}`,
    );
  }
  console.log(`peak RSS during the measurement ${mb(rss.peak)} (this process)`);
}

// ————————————————————————————————————————————————————————————————— over HTTP

const BENCH_EMAIL = "bench-admin@bench.example";
const BENCH_PASSWORD = `bench-${randomBytes(12).toString("hex")}`;

type HttpTarget = { list: string; what: string; path: string };

/** A signed-in browser, minus the browser: cookies kept by name, every answer read whole. */
function httpClient(origin: string) {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  return {
    async get(path: string): Promise<{ status: number; body: string; bytes: number }> {
      const res = await fetch(new URL(path, origin), {
        headers: { cookie: cookie(), "accept-encoding": "identity" },
        redirect: "manual",
      });
      keep(res);
      const buffer = Buffer.from(await res.arrayBuffer());
      return { status: res.status, body: buffer.toString("utf8"), bytes: buffer.length };
    },
    /** Auth.js's credentials sign-in: its CSRF token, then the form post; the session cookie is kept. */
    async signIn(email: string, password: string) {
      const csrf = await fetch(new URL("/api/auth/csrf", origin), { headers: { cookie: cookie() } });
      keep(csrf);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const res = await fetch(new URL("/api/auth/callback/credentials", origin), {
        method: "POST",
        headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${origin}/admin` }),
        redirect: "manual",
      });
      keep(res);
      if (![...jar.keys()].some((k) => k.includes("session-token")))
        throw new Error(`sign-in failed (${res.status} ${res.headers.get("location") ?? ""})`);
    },
  };
}

/** The href of the page's rel="next" link (the list pager's "Next"), HTML entities undone. */
function nextHref(html: string): string | null {
  for (const tag of html.match(/<a\b[^>]*>/g) ?? []) {
    if (!/\brel="next"/.test(tag)) continue;
    const href = /\bhref="([^"]*)"/.exec(tag)?.[1];
    if (href) return href.replace(/&amp;/g, "&");
  }
  return null;
}

async function measureHttp(url: string) {
  requireBuild();
  const [admin] = await sql<{ id: string }[]>`
    insert into users (email, name, role, password_hash, email_verified_at)
    values (${BENCH_EMAIL}, 'Bench Admin', 'admin', ${await hashPassword(BENCH_PASSWORD)}, now())
    returning id`;
  if (!admin) throw new Error("no admin");
  const [someReseller] = await sql<{ id: string; name: string }[]>`
    select id, name from resellers order by id offset ${Math.floor(N / 2)} limit 1`;
  const [sample] = await sql<{ number: string; period: string }[]>`
    select number, period from invoices order by number offset ${Math.floor((N * MONTHS) / 3)} limit 1`;
  if (!someReseller || !sample) throw new Error("no data");
  const g = Math.floor(N * 0.73);
  const taxFragment = taxIdOf(g).slice(3, 9);
  const targets: HttpTarget[] = [
    { list: "resellers", what: "first page", path: "/admin/resellers" },
    { list: "resellers", what: "deep page", path: "/admin/resellers" },
    { list: "resellers", what: `search tax id "${taxFragment}"`, path: `/admin/resellers?q=${taxFragment}` },
    { list: "resellers", what: "tier T3 by name", path: "/admin/resellers?tier=T3&sort=name" },
    { list: "invoices", what: "first page", path: "/admin/invoices" },
    { list: "invoices", what: "deep page", path: "/admin/invoices" },
    { list: "invoices", what: `search "${sample.number}"`, path: `/admin/invoices?q=${sample.number}` },
    {
      list: "invoices",
      what: `EUR ${sample.period}`,
      path: `/admin/invoices?currency=EUR&period=${sample.period}`,
    },
    { list: "contracts", what: "first page", path: "/admin/contracts" },
    { list: "contracts", what: "deep page", path: "/admin/contracts" },
    { list: "contracts", what: 'search "Harbor Dat"', path: "/admin/contracts?q=Harbor+Dat" },
    { list: "credit notes", what: "first page", path: "/admin/credit-notes" },
    { list: "credit notes", what: "deep page", path: "/admin/credit-notes" },
    { list: "billing runs", what: "first page", path: "/admin/billing" },
    { list: "audit log", what: "first page", path: "/admin/audit" },
    { list: "audit log", what: "deep page", path: "/admin/audit" },
    { list: "audit log", what: 'search "tier_changed"', path: "/admin/audit?q=tier_changed" },
    { list: "outbox", what: "first page", path: "/admin/outbox" },
    { list: "outbox", what: "deep page", path: "/admin/outbox" },
    { list: "outbox", what: `search "reseller${g}.example"`, path: `/admin/outbox?q=reseller${g}.example` },
    { list: "provisioning", what: "first page", path: "/admin/provisioning" },
    { list: "provisioning", what: "deep page", path: "/admin/provisioning" },
    { list: "sync runs", what: "first page", path: "/admin/acronis/syncs" },
    { list: "sync runs", what: "deep page", path: "/admin/acronis/syncs" },
    { list: "customers", what: "a reseller's", path: `/admin/resellers/${someReseller.id}/customers` },
    { list: "staff", what: "first page", path: "/admin/staff" },
    { list: "global search", what: `"${sample.number}"`, path: `/api/admin/search?q=${sample.number}` },
  ];

  const port = await freePort();
  const logFile = `${os.tmpdir()}/tierline-bench-lists-${port}.log`;
  const server = startServer({
    port,
    logFile,
    env: {
      DATABASE_URL: url,
      TIERLINE_ROLE: "web",
      TIERLINE_DEMO: "0",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      // The web role does not call Acronis on these pages; it only needs a configured datacenter.
      ACRONIS_BASE_URL: "http://127.0.0.1:9",
      ACRONIS_CLIENT_ID: "bench",
      ACRONIS_CLIENT_SECRET: "bench",
      TIERLINE_SECRETS_KEY: randomBytes(32).toString("base64url"),
      LOG_LEVEL: "warn",
    },
    unset: ["NODE_ENV", "TIERLINE_DATA_DIR"],
  });
  try {
    await server.waitForHealth();
    const client = httpClient(server.origin);
    await client.signIn(BENCH_EMAIL, BENCH_PASSWORD);
    const rounds = Number(args["http-rounds"]);
    console.log(
      `\nover HTTP: production build on ${server.origin} (web role, signed in as an admin), ` +
        `${WARMUP} warm-up + ${rounds} rounds each, one request at a time; HTML uncompressed`,
    );
    console.log(
      `${"list".padEnd(14)}${"request".padEnd(34)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"HTML KB".padStart(10)}  status`,
    );
    const rssBefore = server.webRss();
    for (const t of targets) {
      let path = t.path;
      if (t.what === "deep page") {
        // Reached as a person would: "Next" from the first page, DEEP times (or to the last page).
        let pages = 1;
        for (let i = 0; i < DEEP; i += 1) {
          const next = nextHref((await client.get(path)).body);
          if (!next) break;
          path = next;
          pages += 1;
        }
        t.what = `page ${pages} (Next × ${pages - 1})`;
      }
      let last = await client.get(path);
      for (let i = 1; i < WARMUP; i += 1) last = await client.get(path);
      const wall: number[] = [];
      for (let i = 0; i < rounds; i += 1) {
        const start = performance.now();
        last = await client.get(path);
        wall.push(performance.now() - start);
      }
      const ms = (v: number) => v.toFixed(1).padStart(9);
      console.log(
        `${t.list.padEnd(14)}${t.what.slice(0, 33).padEnd(34)}${ms(percentile(wall, 0.5))}${ms(percentile(wall, 0.95))}` +
          `${(last.bytes / 1024).toFixed(1).padStart(10)}  ${last.status}`,
      );
      if (last.status !== 200) console.error(`  ${path} answered ${last.status}`);
    }
    const rss = server.webRss();
    console.log(
      `web process memory: ${mb(rssBefore.now)} after sign-in, ${mb(rss.now)} after every list, peak ${mb(rss.peak)}`,
    );
  } catch (error) {
    console.error(`server log (last lines of ${logFile}):\n${server.logTail(30)}`);
    throw error;
  } finally {
    await server.stop();
  }
}

// ————————————————————————————————————————————————————————————————— run

const target = await openDatabase();
const { db, sql } = target.handle;
console.log(
  `engine ${target.engine}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), node ${process.version}, ` +
    `today ${TODAY}`,
);
console.log(
  `shape: ${N} resellers × ${CUSTOMERS} customers, ${MONTHS} months of issued invoices each, ` +
    `${AUDIT_PER_RESELLER * N} audit entries`,
);
try {
  await fill();
  await measure();
  if (args.http && target.url) await measureHttp(target.url);
} finally {
  clearInterval(sampler);
  await target.close();
}
