import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { systemActor } from "@/lib/audit";
import { dec, findFxRate, formatMoney, periodEnd } from "@/lib/billing";
import { markPaid, startBillingRun, voidInvoice } from "@/lib/invoices";
import { parseCsv } from "@/lib/invoices/test-support";
import { type MarginReport, marginReport } from "./margin";
import { marginCsv } from "./margin-csv";
import { type MarginFilters, parseMarginFilters } from "./margin-filters";
import { marginTable } from "./margin-table";
import { dailyUsage, paidReseller } from "./test-support";

// The demo's closed months (2026-05 … 2026-10) issued by the seed, one voided, one paid, and a draft.
const TODAY = "2026-11-24";
const db = () => globalThis.testDb.db;
const actor = systemActor;
const ALL: MarginFilters = {
  from: "2026-01",
  to: "2026-10",
  resellerId: null,
  currency: null,
  view: "reseller",
};

/** The invoices' own lines, summed in SQL per currency: what the report must equal. */
async function linesInSql(filter: { statuses: string[]; period?: string }) {
  const statuses = sql.join(
    filter.statuses.map((st) => sql`${st}`),
    sql`, `,
  );
  const rows = await db().execute<{ currency: string; sell: string; cost: string }>(sql`
    select i.currency::text as currency, sum(l.amount)::text as sell, coalesce(sum(l.cost_amount), 0)::text as cost
    from invoice_lines l join invoices i on i.id = l.invoice_id
    where i.status in (${statuses}) ${filter.period ? sql`and i.period = ${filter.period}` : sql``}
    group by i.currency order by i.currency`);
  return rows.map((r) => ({
    currency: r.currency,
    sell: formatMoney(dec(r.sell), r.currency),
    cost: formatMoney(dec(r.cost), r.currency),
    margin: formatMoney(dec(r.sell).minus(dec(r.cost)), r.currency),
  }));
}

const figuresOf = (report: MarginReport) =>
  report.totalsByCurrency.map(({ currency, sell, cost, margin }) => ({ currency, sell, cost, margin }));

let report: MarginReport;
let voided: { id: string; period: string };

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T09:00:00Z`), demoInvoices: true });
  const october = await db().select().from(s.invoices).where(eq(s.invoices.period, "2026-10"));
  voided = { id: october[0]!.id, period: "2026-10" };
  await voidInvoice(db(), { invoiceId: voided.id, reason: "test: billed in error", actor });
  await markPaid(db(), { invoiceId: october[1]!.id, actor });
  // A draft of October for a reseller of this test: drafted, never issued.
  const late = await paidReseller(db(), {
    name: "Draft Only Co",
    tierCode: "T1",
    currency: "USD",
    paidStart: "2026-10-01",
  });
  await dailyUsage(db(), late.customerId, "2026-10", "pw_base_workstations", "30");
  await startBillingRun(db(), { period: "2026-10", actor, today: TODAY });
  report = await marginReport(db(), ALL);
}, 240_000);

describe("marginReport", () => {
  it("totals equal the issued and paid invoices' lines in SQL, per currency", async () => {
    const expected = await linesInSql({ statuses: ["issued", "paid"] });
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(figuresOf(report)).toEqual(expected);
    // Drafts and voided invoices have lines too: counting them would change the totals.
    const [draftLines] = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from invoice_lines l join invoices i on i.id = l.invoice_id
          where i.status in ('draft', 'void')`,
    );
    expect(draftLines!.n).toBeGreaterThan(0);
    expect(figuresOf(report)).not.toEqual(
      await linesInSql({ statuses: ["issued", "paid", "draft", "void"] }),
    );
  });

  it("has a row per month and reseller whose sums add up to the totals, margin = sell − cost", () => {
    for (const total of report.totalsByCurrency) {
      const rows = report.byReseller.filter((r) => r.currency === total.currency);
      const sell = rows.reduce((acc, r) => acc.plus(r.sell), dec(0));
      const cost = rows.reduce((acc, r) => acc.plus(r.cost), dec(0));
      expect(formatMoney(sell, total.currency)).toBe(total.sell);
      expect(formatMoney(cost, total.currency)).toBe(total.cost);
    }
    for (const row of report.byReseller) {
      expect(dec(row.sell).minus(row.cost).toString()).toBe(dec(row.margin).toString());
      if (row.marginPercent !== null)
        expect(row.marginPercent).toBe(dec(row.margin).dividedBy(row.sell).times(100).toFixed(1));
    }
    // The voided invoice's reseller has no October row from it; the draft's reseller none at all.
    expect(report.byReseller.some((r) => r.resellerName === "Draft Only Co")).toBe(false);
  });

  it("gives the same totals by service as by reseller, top-ups counted with a cost of 0", async () => {
    const byService = await marginReport(db(), { ...ALL, view: "service" });
    expect(figuresOf(byService)).toEqual(figuresOf(report));
    expect(byService.totalBase).toEqual(report.totalBase);
    for (const total of byService.totalsByCurrency) {
      const rows = byService.byService.filter((r) => r.currency === total.currency);
      const sell = rows.reduce((acc, r) => acc.plus(r.sell), dec(0));
      expect(formatMoney(sell, total.currency)).toBe(total.sell);
    }
    const topUps = byService.byService.filter((r) => r.key === "commitment_topup");
    expect(topUps.length).toBeGreaterThan(0);
    for (const row of topUps) {
      expect(row.service).toBe("Commitment top-up");
      expect(dec(row.sell).greaterThan(0)).toBe(true);
      expect(dec(row.cost).isZero()).toBe(true);
    }
    expect(byService.byService.some((r) => r.skuCode === "pw_base_workstations")).toBe(true);
  });

  it("converts to the base currency at each month's rate, rounded once for the total", async () => {
    const [settings] = await db().select().from(s.distributorSettings);
    const base = settings!.baseCurrency;
    expect(report.baseCurrency).toBe(base);
    expect(report.missingRates).toEqual([]);
    const rates = (await db().select().from(s.fxRates)).map(({ from, to, rate, date }) => ({
      from,
      to,
      rate,
      date,
    }));
    const rows = await db().execute<{ period: string; currency: string; sell: string; cost: string }>(sql`
      select i.period, i.currency::text as currency, sum(l.amount)::text as sell,
        coalesce(sum(l.cost_amount), 0)::text as cost
      from invoice_lines l join invoices i on i.id = l.invoice_id
      where i.status in ('issued', 'paid') group by i.period, i.currency`);
    let sell = dec(0);
    let cost = dec(0);
    for (const row of rows) {
      const { multiplier } = findFxRate(rates, row.currency, base, periodEnd(row.period));
      sell = sell.plus(dec(row.sell).times(multiplier));
      cost = cost.plus(dec(row.cost).times(multiplier));
    }
    expect(report.totalBase).toMatchObject({
      sell: formatMoney(sell, base),
      cost: formatMoney(cost, base),
      margin: formatMoney(sell.minus(cost), base),
    });
    expect(report.months.map((m) => m.month)).toEqual([
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
    ]);
  });

  it("filters by month, reseller and currency", async () => {
    const october = await marginReport(db(), { ...ALL, from: "2026-10", to: "2026-10" });
    expect(figuresOf(october)).toEqual(await linesInSql({ statuses: ["issued", "paid"], period: "2026-10" }));
    expect(new Set(october.byReseller.map((r) => r.period))).toEqual(new Set(["2026-10"]));

    const one = report.byReseller[0]!;
    const ofOne = await marginReport(db(), { ...ALL, resellerId: one.resellerId });
    expect(ofOne.byReseller.length).toBeGreaterThan(0);
    expect(ofOne.byReseller.every((r) => r.resellerId === one.resellerId)).toBe(true);

    const eur = await marginReport(db(), { ...ALL, currency: "EUR" });
    expect(eur.totalsByCurrency.map((t) => t.currency)).toEqual(["EUR"]);
    expect(eur.byReseller.every((r) => r.currency === "EUR")).toBe(true);
    // The filters' choices list only what has billed invoices.
    expect(report.choices.currencies).toEqual(report.totalsByCurrency.map((t) => t.currency));
    expect(report.choices.resellers.some((r) => r.name === "Draft Only Co")).toBe(false);
  });

  it("reads its filters from the URL, defaults to the last twelve closed months, ignores bad values", () => {
    expect(parseMarginFilters({}, TODAY)).toEqual({
      from: "2025-11",
      to: "2026-10",
      resellerId: null,
      currency: null,
      view: "reseller",
    });
    expect(
      parseMarginFilters({ from: "2026-09", to: "2026-07", currency: "eur", view: "service" }, TODAY),
    ).toMatchObject({ from: "2026-07", to: "2026-09", currency: "EUR", view: "service" });
    expect(parseMarginFilters({ from: "July", reseller: "nope", view: "x" }, TODAY)).toMatchObject({
      from: "2025-11",
      resellerId: null,
      view: "reseller",
    });
  });

  it("downloads exactly the table: its columns, its rows and its total rows", () => {
    const table = marginTable(report);
    const csv = parseCsv(marginCsv(table));
    expect(Object.keys(csv[0]!)).toEqual(table.columns.map((c) => c.label));
    expect(csv).toHaveLength(report.byReseller.length + report.totalsByCurrency.length + 1);
    const last = csv.at(-1)!;
    expect(last.Month).toBe(`Total in ${report.baseCurrency}`);
    expect(last[`Margin (${report.baseCurrency})`]).toBe(report.totalBase!.margin);
    const usd = csv.find((row) => row.Month === "Total USD")!;
    const totalUsd = report.totalsByCurrency.find((t) => t.currency === "USD")!;
    expect([usd.Sell, usd.Cost, usd.Margin]).toEqual([totalUsd.sell, totalUsd.cost, totalUsd.margin]);
  });
});

describe("a voided invoice", () => {
  it("drops out of the report", async () => {
    const [row] = await db()
      .select({ resellerId: s.invoices.resellerId })
      .from(s.invoices)
      .where(and(eq(s.invoices.id, voided.id)));
    const october = await marginReport(db(), { ...ALL, from: "2026-10", to: "2026-10" });
    const own = october.byReseller.find((r) => r.resellerId === row!.resellerId);
    expect(own).toBeUndefined();
  });
});
