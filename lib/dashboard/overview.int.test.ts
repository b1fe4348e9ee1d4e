import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { systemActor } from "@/lib/audit";
import { addDays, type Dec, dec, findFxRate, formatMoney, periodEnd } from "@/lib/billing";
import { issueBillingRun, markPaid, startBillingRun, voidInvoice } from "@/lib/invoices";
import { adminUsageOverview, growthPercent } from "./overview";
import { refreshProjections } from "./projections-store";
import type { AdminUsageOverview } from "./types";

const db = () => globalThis.testDb.db;
const TODAY = "2026-11-24";
const actor = systemActor;
const AMOUNT = /^\d+\.\d{2}$/;

/** A reseller of this test with one contract, its tier history and customers; rows inserted directly. */
async function resellerWithContract(options: {
  name: string;
  tierCode: string;
  currency: string;
  paidStart: string | null;
  trialEndsOn?: string;
  customers?: number;
}) {
  const tag = `overview-${randomUUID()}`;
  const [reseller] = await db()
    .insert(s.resellers)
    .values({
      name: options.name,
      legalName: `${options.name} Ltd`,
      addressLine1: "1 Test Street",
      city: "Testville",
      postalCode: "T1",
      country: "GB",
      currency: options.currency,
      billingEmail: `${tag}@example.com`,
      status: "active",
      internalTag: tag,
    })
    .returning();
  const [tier] = await db().select().from(s.tiers).where(eq(s.tiers.code, options.tierCode));
  const trial = options.paidStart === null;
  const trialStartedOn = options.trialEndsOn ? addDays(options.trialEndsOn, -30) : null;
  const [contract] = await db()
    .insert(s.contracts)
    .values({
      resellerId: reseller!.id,
      state: trial ? "trial" : "active",
      targetState: trial ? "trial" : "active",
      currency: options.currency,
      tierId: tier!.id,
      isTrial: trial,
      trialStartedOn,
      trialEndsOn: options.trialEndsOn ?? null,
      paidStart: options.paidStart,
    })
    .returning();
  await db()
    .insert(s.contractTierHistory)
    .values({
      contractId: contract!.id,
      tierId: tier!.id,
      effectiveFrom: (options.paidStart ?? trialStartedOn)!,
      kind: "order",
    });
  const customerIds: string[] = [];
  for (let i = 0; i < (options.customers ?? 1); i++) {
    const [customer] = await db()
      .insert(s.customers)
      .values({ resellerId: reseller!.id, acronisTenantId: randomUUID(), name: `Customer ${i + 1}` })
      .returning({ id: s.customers.id });
    customerIds.push(customer!.id);
  }
  return { resellerId: reseller!.id, contractId: contract!.id, customerIds };
}

/** `value` workstations every day of November up to today. */
async function workstations(customerId: string, value: string) {
  const [sku] = await db().select().from(s.skus).where(eq(s.skus.code, "pw_base_workstations"));
  const rows = [];
  for (let day = "2026-11-01"; day <= TODAY; day = addDays(day, 1))
    rows.push({ customerId, skuId: sku!.id, day, value });
  await db().insert(s.usageSnapshots).values(rows);
}

/** A closed month billed by a run: drafted then issued, the way the back office does it. */
async function bill(period: string) {
  const run = await startBillingRun(db(), { period, actor, today: TODAY });
  await issueBillingRun(db(), { runId: run.id, actor, today: TODAY });
  return db().select().from(s.invoices).where(eq(s.invoices.period, period));
}

async function baseCurrency() {
  const [settings] = await db().select().from(s.distributorSettings);
  return settings!.baseCurrency;
}

/** Expected totals in the base currency: each amount converted with the stored rate (§5.4), summed exactly. */
async function expectedInBase(
  period: string,
  rows: {
    currency: string;
    consumption: string;
    topUp: string;
    commitment: string;
    waived: boolean;
    total: string;
  }[],
) {
  const base = await baseCurrency();
  const rates = (await db().select().from(s.fxRates)).map(({ from, to, rate, date }) => ({
    from,
    to,
    rate,
    date,
  }));
  const sums = { consumption: dec(0), topUps: dec(0), commitments: dec(0), waived: dec(0), total: dec(0) };
  const add = (key: keyof typeof sums, amount: Dec) => {
    sums[key] = sums[key].plus(amount);
  };
  for (const row of rows) {
    const { multiplier } = findFxRate(rates, row.currency, base, periodEnd(period));
    add("consumption", dec(row.consumption).times(multiplier));
    add("topUps", dec(row.topUp).times(multiplier));
    add("commitments", dec(row.commitment).times(multiplier));
    if (row.waived) add("waived", dec(row.commitment).times(multiplier));
    add("total", dec(row.total).times(multiplier));
  }
  return {
    consumption: formatMoney(sums.consumption, base),
    topUps: formatMoney(sums.topUps, base),
    commitments: formatMoney(sums.commitments, base),
    waived: formatMoney(sums.waived, base),
    total: formatMoney(sums.total, base),
  };
}

let beforeSync: AdminUsageOverview;
let overview: AdminUsageOverview;
let voided: string;
let below: Awaited<ReturnType<typeof resellerWithContract>>;
let trialSoon: Awaited<ReturnType<typeof resellerWithContract>>;
let trialLater: Awaited<ReturnType<typeof resellerWithContract>>;

beforeAll(async () => {
  // The demo's own invoices off (the seed's default, said explicitly): this test issues the months it checks.
  const seedOptions = { today: new Date(`${TODAY}T00:00:00Z`), demoInvoices: false };
  await seedDatabase(db(), seedOptions);
  const september = await bill("2026-09");
  expect(september.length).toBeGreaterThanOrEqual(2);
  voided = september[0]!.id;
  await voidInvoice(db(), { invoiceId: voided, reason: "test: billed in error", actor });
  const october = await bill("2026-10");
  await markPaid(db(), { invoiceId: october[0]!.id, actor });
  // Drafts only: never counted.
  await startBillingRun(db(), { period: "2026-08", actor, today: TODAY });

  // Paid from this month on Tier 2 (1,000 USD) with 10 workstations: far below its commitment.
  below = await resellerWithContract({
    name: "Below Co",
    tierCode: "T2",
    currency: "USD",
    paidStart: "2026-11-01",
  });
  await workstations(below.customerIds[0]!, "10");
  trialSoon = await resellerWithContract({
    name: "Trial Soon",
    tierCode: "T1",
    currency: "EUR",
    paidStart: null,
    trialEndsOn: addDays(TODAY, 5),
    customers: 2,
  });
  await workstations(trialSoon.customerIds[0]!, "40");
  await workstations(trialSoon.customerIds[1]!, "5");
  trialLater = await resellerWithContract({
    name: "Trial Later",
    tierCode: "T1",
    currency: "USD",
    paidStart: null,
    trialEndsOn: addDays(TODAY, 20),
  });

  beforeSync = await adminUsageOverview(db(), { today: TODAY });
  await refreshProjections(db(), { today: TODAY });
  overview = await adminUsageOverview(db(), { today: TODAY });
});

describe("adminUsageOverview", () => {
  it("lists twelve months, closed ones from invoices and the current one from projections", async () => {
    expect(overview.currency).toBe(await baseCurrency());
    expect(overview.months.map((m) => m.month)).toEqual([
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
    ]);
    expect(overview.months.slice(0, -1).every((m) => m.source === "invoices")).toBe(true);
    expect(overview.months.at(-1)?.source).toBe("projection");
    for (const m of overview.months)
      for (const amount of [m.consumption, m.topUps, m.commitments, m.waived, m.total])
        expect(amount).toMatch(AMOUNT);
    expect(overview.asOf).not.toBeNull();
  });

  it("totals a closed month from its issued and paid invoices converted with the stored FX rate", async () => {
    for (const period of ["2026-09", "2026-10"]) {
      const billed = await db()
        .select()
        .from(s.invoices)
        .where(and(eq(s.invoices.period, period), inArray(s.invoices.status, ["issued", "paid"])));
      const month = overview.months.find((m) => m.month === period)!;
      expect(month.invoices).toBe(billed.length);
      expect(month).toMatchObject(
        await expectedInBase(
          period,
          billed.map((i) => ({ ...i, waived: i.rampUpWaived })),
        ),
      );
      // Several currencies, so the conversion is exercised.
      expect(new Set(billed.map((i) => i.currency)).size).toBeGreaterThan(1);
    }
    const september = overview.months.find((m) => m.month === "2026-09")!;
    const all = await db().select().from(s.invoices).where(eq(s.invoices.period, "2026-09"));
    expect(all.find((i) => i.id === voided)?.status).toBe("void");
    expect(september.invoices).toBe(all.length - 1);
  });

  it("counts no drafts and shows months without invoices as zero", () => {
    for (const period of ["2025-12", "2026-08"]) {
      expect(overview.months.find((m) => m.month === period)).toMatchObject({
        invoices: 0,
        consumption: "0.00",
        topUps: "0.00",
        commitments: "0.00",
        waived: "0.00",
        total: "0.00",
      });
    }
  });

  it("totals the current month from the paid contracts' projections (trials left out)", async () => {
    const rows = await db()
      .select()
      .from(s.usageProjections)
      .where(and(eq(s.usageProjections.period, "2026-11"), eq(s.usageProjections.trial, false)));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const current = overview.months.at(-1)!;
    expect(current.invoices).toBe(rows.length);
    expect(current).toMatchObject(
      await expectedInBase(
        "2026-11",
        rows.map((p) => ({
          currency: p.currency,
          consumption: p.projectedConsumption,
          topUp: p.projectedTopUp,
          commitment: p.commitment,
          waived: p.rampUpWaived,
          total: p.projectedTotal,
        })),
      ),
    );
  });

  it("before the first sync: no as-of time and a current month of zeros", () => {
    expect(beforeSync.asOf).toBeNull();
    expect(beforeSync.months.at(-1)).toMatchObject({ source: "projection", invoices: 0, total: "0.00" });
    expect(beforeSync.belowCommitment).toEqual([]);
  });

  it("lists a paid contract projected to pay a top-up, in its own currency, largest gap first", async () => {
    const [projection] = await db()
      .select()
      .from(s.usageProjections)
      .where(eq(s.usageProjections.contractId, below.contractId));
    expect(dec(projection!.projectedTopUp).greaterThan(0)).toBe(true);
    const row = overview.belowCommitment.find((r) => r.resellerId === below.resellerId);
    expect(row).toEqual({
      resellerId: below.resellerId,
      name: "Below Co",
      tier: "Tier 2",
      currency: "USD",
      consumption: formatMoney(dec(projection!.consumption), "USD"),
      commitment: "1000.00",
      projectedConsumption: formatMoney(dec(projection!.projectedConsumption), "USD"),
      projectedTopUp: formatMoney(dec(projection!.projectedTopUp), "USD"),
      rampUpWaived: false,
    });
    expect(
      overview.belowCommitment.every((r) => !r.rampUpWaived && dec(r.projectedTopUp).greaterThan(0)),
    ).toBe(true);
    expect(overview.belowCommitment.some((r) => r.resellerId === trialSoon.resellerId)).toBe(false);
    // Gaps compared in the base currency.
    const base = await baseCurrency();
    const rates = await db().select().from(s.fxRates);
    const gaps = overview.belowCommitment.map((r) =>
      dec(r.projectedTopUp).times(findFxRate(rates, r.currency, base, "2026-12-01").multiplier),
    );
    for (let i = 1; i < gaps.length; i++) expect(gaps[i - 1]!.gte(gaps[i]!)).toBe(true);
  });

  it("lists a trial ending in 5 days with its customers and projected consumption, not one ending in 20", async () => {
    const [projection] = await db()
      .select()
      .from(s.usageProjections)
      .where(eq(s.usageProjections.contractId, trialSoon.contractId));
    expect(projection?.trial).toBe(true);
    expect(overview.trialsEnding).toContainEqual({
      resellerId: trialSoon.resellerId,
      name: "Trial Soon",
      tier: "Tier 1",
      currency: "EUR",
      trialEndsOn: "2026-11-29",
      daysLeft: 5,
      customers: 2,
      projectedConsumption: formatMoney(dec(projection!.projectedConsumption), "EUR"),
    });
    expect(dec(projection!.projectedConsumption).greaterThan(0)).toBe(true);
    expect(overview.trialsEnding.some((t) => t.resellerId === trialLater.resellerId)).toBe(false);
  });

  it("ranks growth of this month's projection against last month's invoice, percent with one decimal", async () => {
    expect(overview.fastestGrowing.length).toBeGreaterThan(0);
    expect(overview.fastestGrowing.length).toBeLessThanOrEqual(10);
    const october = await db().select().from(s.invoices).where(eq(s.invoices.period, "2026-10"));
    for (const row of overview.fastestGrowing) {
      expect(row.previous).toMatch(AMOUNT);
      expect(row.projected).toMatch(AMOUNT);
      expect(row.growthPercent).toBe(growthPercent(row.previous, row.projected));
      const invoice = october.find((i) => i.resellerId === row.resellerId);
      expect(row.previous).toBe(invoice ? formatMoney(dec(invoice.consumption), row.currency) : "0.00");
    }
    const measured = overview.fastestGrowing.filter((r) => r.growthPercent !== null);
    for (let i = 1; i < measured.length; i++)
      expect(dec(measured[i - 1]!.growthPercent!).gte(measured[i]!.growthPercent!)).toBe(true);
    // The contract paid from this month has no invoice to compare with: it ranks after measured growth.
    const fresh = overview.fastestGrowing.findIndex((r) => r.resellerId === below.resellerId);
    if (fresh >= 0) expect(overview.fastestGrowing[fresh]!.growthPercent).toBeNull();
    expect(growthPercent("200.00", "250.00")).toBe("25.0");
    expect(growthPercent("3.00", "2.00")).toBe("-33.3");
    expect(growthPercent("0.00", "5.00")).toBeNull();
  });

  it("shows fewer months on request and refuses an out-of-range count", async () => {
    const short = await adminUsageOverview(db(), { today: TODAY, months: 3 });
    expect(short.months.map((m) => m.month)).toEqual(["2026-09", "2026-10", "2026-11"]);
    expect(short.months).toEqual(overview.months.slice(-3));
    await expect(adminUsageOverview(db(), { today: TODAY, months: 0 })).rejects.toMatchObject({
      code: "validation",
    });
    await expect(adminUsageOverview(db(), { today: TODAY, months: 25 })).rejects.toMatchObject({
      code: "validation",
    });
  });
});
