import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { CurrentUser } from "@/lib/auth/guard";
import type { JobQueue } from "@/lib/jobs/queue";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import {
  callerFor,
  csvRecords,
  csvRows,
  expectPages,
  idsBySql,
  invoiceValues,
  listRows,
  liveContracts,
  sameCsvEveryBatchSize,
  TIED_INSTANTS,
  timestamptz,
  walkList,
} from "@/tests/lists";
import {
  billingRunListSpec,
  exportBillingRunInvoices,
  exportBillingRunList,
  getBillingRunPage,
  listBillingRunPage,
} from "./billing";
import { listInvoicePage, runInvoiceListSpec, runInvoiceParams } from "./invoice-list";

// Issue 16: the billing runs list and a run's invoices, paged by keyset with filters, sorts and exports.
const db = () => globalThis.testDb.db;
const TODAY = "2026-11-24";

// The routes read the signed-in user: pinned here, the rest is real.
const auth = vi.hoisted(() => ({ caller: null as CurrentUser | null }));
vi.mock("@/lib/auth/guard", async () => (await import("@/tests/lists")).pinnedGuard(auth));

const runsRoute = await import("@/app/(admin)/admin/billing/export/route");
const runInvoicesRoute = await import("@/app/(admin)/admin/billing/[id]/export/route");

/** pg-boss's answer for the page's runs: the busy one has an active job, the others none. */
let busyRun = "";
const queue = {
  latestStates: async (_name: string, keys: string[]) =>
    new Map(keys.filter((k) => k === busyRun).map((k) => [k, "active" as const])),
} as unknown as JobQueue;

// 23 runs with ties on the started instant (with microseconds) and on the period.
const periods = ["2026-01", "2026-02", "2026-03", "2026-04"];
const statuses = ["running", "drafted", "issuing", "issued", "failed"] as const;
let runIds: string[] = [];
/** The run whose invoices the run page lists, and another run's. */
let runA = "";
let runB = "";

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`) });
  const inserted = await db()
    .insert(s.billingRuns)
    .values(
      Array.from({ length: 23 }, (_, i) => ({
        period: periods[i % 4]!,
        status: statuses[i % 5]!,
        totalContracts: 10 + i,
        processedContracts: i,
        issuedInvoices: i % 5 === 3 ? 10 + i : 0,
        error: i % 5 === 4 ? `Rating failed: FX rate missing for run ${i}` : null,
        startedAt: timestamptz(TIED_INSTANTS[i % 3]!),
      })),
    )
    .returning({ id: s.billingRuns.id });
  runIds = inserted.map((r) => r.id);
  [runA, runB] = [runIds[0]!, runIds[1]!];

  // Run A: every live contract × six months (24+ invoices, ties on total, drafts without a number);
  // run B: one month of the same contracts; a run-less invoice too.
  const live = await liveContracts();
  expect(live.length).toBeGreaterThan(3);
  let n = 0;
  const invoice = (k: (typeof live)[number], period: string, runId: string | null) => {
    n += 1;
    const draft = n % 4 === 0;
    return invoiceValues(k, {
      billingRunId: runId,
      period,
      number: draft ? null : `INV-BR-${String(n).padStart(6, "0")}`,
      status: draft ? ("draft" as const) : n % 7 === 0 ? ("paid" as const) : ("issued" as const),
      invoiceDate: `${period}-0${1 + (n % 3)}`,
      total: String(100 * (n % 3)),
    });
  };
  await db()
    .insert(s.invoices)
    .values([
      ...live.flatMap((k) =>
        ["2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09"].map((p) => invoice(k, p, runA)),
      ),
      ...live.map((k) => invoice(k, "2025-10", runB)),
      ...live.map((k) => invoice(k, "2025-11", null)),
    ]);
});

describe("the billing runs list", () => {
  /** Every page of the runs list both ways. */
  const walk = (query: SearchParams) =>
    walkList((cursor) =>
      listBillingRunPage(db(), queue, parseListParams(billingRunListSpec, { ...query, ...cursor })),
    );

  const sorts = { started: "started_at", period: "period" } as const;
  for (const [sort, column] of Object.entries(sorts)) {
    for (const dir of ["asc", "desc"] as const) {
      it(`pages every run once, forward and back, by ${sort} ${dir} with ties`, async () => {
        const expected = await idsBySql(
          `select id::text as id from billing_runs order by ${column} ${dir}, id ${dir}`,
        );
        expect(expected).toHaveLength(23);
        expectPages(await walk({ sort, dir, size: "10" }), expected, [10, 10, 3]);
      });
    }
  }

  it("starts with the latest started run, as before", async () => {
    const page = await listBillingRunPage(db(), queue, parseListParams(billingRunListSpec, {}));
    expect(page.rows[0]!.startedAt.toISOString()).toBe("2026-04-02T08:00:00.000Z");
    expect(page.rows).toHaveLength(23);
  });

  it("filters by status and period, searches a period or an error, and counts the filtered runs", async () => {
    const q = (query: SearchParams) =>
      listBillingRunPage(db(), queue, parseListParams(billingRunListSpec, { size: "100", ...query }));
    const failed = await q({ status: "failed" });
    expect(failed.count).toEqual({ value: 4, exact: true }); // 4, 9, 14, 19
    for (const r of failed.rows) expect(r.status).toBe("failed");
    const march = await q({ period: "2026-03", status: "issued" });
    // i ≡ 2 (mod 4) and i ≡ 3 (mod 5): 18.
    expect(march.rows.map((r) => [r.period, r.status, r.processedContracts])).toEqual([
      ["2026-03", "issued", 18],
    ]);
    const byError = await q({ q: "fx RATE missing for run 14" });
    expect(byError.rows.map((r) => r.processedContracts)).toEqual([14]);
    const byPeriod = await q({ q: "2026-0" });
    expect(byPeriod.count.value).toBe(23);
    expect((await q({ q: "2026-02" })).count.value).toBe(6);
    const bad = parseListParams(billingRunListSpec, { status: "done", period: "2026-13" });
    expect(bad.errors).toEqual({ status: ["Pick a status from the list."], period: ["A month as YYYY-MM."] });
    expect(bad.filters).toEqual({});
  });

  it("marks a run a job works on, so the page follows it", async () => {
    busyRun = runIds[0]!; // running
    const page = await listBillingRunPage(db(), queue, parseListParams(billingRunListSpec, { size: "100" }));
    expect(page.rows.filter((r) => r.working).map((r) => r.id)).toEqual([busyRun]);
    busyRun = "";
  });

  it("exports exactly the filtered runs of every page, in order, whatever the batch size", async () => {
    for (const query of [{ status: "failed" }, { sort: "period", dir: "asc" }, { q: "2026-03" }]) {
      const listed = (await walk({ ...query, size: "10" })).ids;
      const params = parseListParams(billingRunListSpec, { ...query, size: "10", after: "bm90LWEtY3Vyc29y" });
      const text = await sameCsvEveryBatchSize((o) => exportBillingRunList(db(), params, o), 2);
      const rows = csvRecords(text);
      const runs = await db().select().from(s.billingRuns);
      const byId = new Map(runs.map((r) => [r.id, r]));
      expect(rows).toEqual(
        listed.map((id) => {
          const r = byId.get(id)!;
          return {
            period: r.period,
            status: r.status,
            contracts: String(r.totalContracts),
            rated: String(r.processedContracts),
            issued_invoices: String(r.issuedInvoices),
            started_at: r.startedAt.toISOString(),
            finished_at: "",
            error: r.error ?? "",
          };
        }),
      );
    }
  });
});

describe("a billing run's invoices", () => {
  const runPage = (query: SearchParams) =>
    listInvoicePage(db(), runInvoiceParams(runA, parseListParams(runInvoiceListSpec, query)));

  it.each(["number", "total", "issued", "period"])(
    "pages the run's invoices by %s both ways, once each",
    async (sort) => {
      const expected = await db()
        .select({ id: s.invoices.id })
        .from(s.invoices)
        .where(eq(s.invoices.billingRunId, runA));
      expect(expected.length).toBeGreaterThanOrEqual(24);
      expect(expected.length % 10).not.toBe(0);
      for (const dir of ["asc", "desc"]) {
        const { forward, ids, count } = await walkList((cursor) =>
          runPage({ sort, dir, size: "10", ...cursor }),
        );
        for (const p of forward) expect(p.length).toBeLessThanOrEqual(10);
        expect([...ids].sort()).toEqual(expected.map((r) => r.id).sort());
        expect(count).toEqual({ value: expected.length, exact: true });
      }
    },
  );

  it("filters by status and currency and searches a number or a reseller, within the run only", async () => {
    const drafts = await runPage({ status: "draft", size: "100" });
    expect(drafts.rows.length).toBeGreaterThan(0);
    for (const r of drafts.rows) expect([r.status, r.number]).toEqual(["draft", null]);
    const all = await runPage({ size: "100" });
    const currency = all.rows[0]!.currency;
    const byCurrency = await runPage({ currency: currency.toLowerCase(), size: "100" });
    expect(byCurrency.rows.map((r) => r.id).sort()).toEqual(
      all.rows
        .filter((r) => r.currency === currency)
        .map((r) => r.id)
        .sort(),
    );
    const numbered = all.rows.find((r) => r.number)!;
    expect((await runPage({ q: numbered.number!.toLowerCase() })).rows.map((r) => r.id)).toEqual([
      numbered.id,
    ]);
    // Run B's numbers are not in run A's list.
    const [other] = await db()
      .select({ number: s.invoices.number })
      .from(s.invoices)
      .where(sql`${s.invoices.billingRunId} = ${runB} and ${s.invoices.number} is not null`)
      .limit(1);
    expect((await runPage({ q: other!.number! })).count).toEqual({ value: 0, exact: true });
    const byReseller = await runPage({ q: "northwind", size: "100" });
    expect(byReseller.count.value).toBe(6);
    for (const r of byReseller.rows) expect(r.reseller).toBe("Northwind IT Services");
    // A run filter in the page's URL cannot widen it: the page's spec has none.
    const p = parseListParams(runInvoiceListSpec, { run: runB, size: "100" });
    expect((await listInvoicePage(db(), runInvoiceParams(runA, p))).count.value).toBe(all.count.value);
  });

  it("the run page has the run, its counts and the first page of its invoices", async () => {
    const page = await getBillingRunPage(db(), queue, {
      runId: runB,
      today: TODAY,
      params: parseListParams(runInvoiceListSpec, {}),
    });
    expect(page.run.id).toBe(runB);
    const total = Object.values(page.counts).reduce((a, b) => a + b, 0);
    expect(page.invoices.count).toEqual({ value: total, exact: true });
    expect(page.invoices.rows.every((r) => r.period === "2025-10")).toBe(true);
  });

  it("exports the run's filtered invoices, as its pages list them", async () => {
    for (const query of [{}, { status: "issued", sort: "total" }, { q: "INV-BR" }]) {
      const listed = (await listRows((cursor) => runPage({ ...query, size: "10", ...cursor }))).map(
        (r) => r.number ?? "",
      );
      const { run, csv } = await exportBillingRunInvoices(
        db(),
        { runId: runA, params: parseListParams(runInvoiceListSpec, query) },
        { batchSize: 3 },
      );
      expect(run.id).toBe(runA);
      expect((await csvRows(csv)).map((r) => r.number)).toEqual(listed);
    }
    await expect(
      exportBillingRunInvoices(db(), {
        runId: "00000000-0000-4000-8000-000000000000",
        params: parseListParams(runInvoiceListSpec, {}),
      }),
    ).rejects.toThrow("Billing run not found");
  });
});

describe("export routes", () => {
  const get = (path: string) => new Request(`http://localhost${path}`);
  const withId = (id: string) => ({ params: Promise.resolve({ id }) });

  it("stream the filtered runs, and a run's filtered invoices, to back-office staff", async () => {
    auth.caller = await callerFor("finance@skyline.example");
    const runs = await runsRoute.GET(get("/admin/billing/export?status=failed&size=10"), {});
    expect(runs.status).toBe(200);
    expect(runs.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(runs.headers.get("content-disposition")).toMatch(
      /^attachment; filename="billing-runs-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect((await csvRows(runs)).map((r) => r.status)).toEqual(Array(4).fill("failed"));

    const invoices = await runInvoicesRoute.GET(
      get(`/admin/billing/${runB}/export?status=issued&run=${runA}`),
      withId(runB),
    );
    expect(invoices.status).toBe(200);
    expect(invoices.headers.get("content-disposition")).toMatch(
      /^attachment; filename="billing-run-2026-02-invoices-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = await csvRows(invoices);
    const expected = await db()
      .select({ number: s.invoices.number })
      .from(s.invoices)
      .where(sql`${s.invoices.billingRunId} = ${runB} and ${s.invoices.status} = 'issued'`);
    expect(rows.map((r) => r.number).sort()).toEqual(expected.map((r) => r.number).sort());
    expect(new Set(rows.map((r) => r.period))).toEqual(new Set(["2025-10"]));
  });

  it("answer 404 for an unknown run, 403 to a reseller's user and 401 signed out", async () => {
    auth.caller = await callerFor("finance@skyline.example");
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(
      (await runInvoicesRoute.GET(get(`/admin/billing/${unknown}/export`), withId(unknown))).status,
    ).toBe(404);
    auth.caller = await callerFor("owner@northwind.example");
    expect((await runsRoute.GET(get("/admin/billing/export"), {})).status).toBe(403);
    expect((await runInvoicesRoute.GET(get(`/admin/billing/${runA}/export`), withId(runA))).status).toBe(403);
    auth.caller = null;
    expect((await runsRoute.GET(get("/admin/billing/export"), {})).status).toBe(401);
  });
});
