import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { CurrentUser } from "@/lib/auth/guard";
import { dec, formatMoney, type RatingResult, ratePeriod } from "@/lib/billing";
import { getContractView, orderContract, upgradeTier } from "@/lib/contracts";
import { markProvisioned } from "@/lib/contracts/provisioning";
import { admin, db, expectRefusal, newReseller, owner } from "@/lib/contracts/test-support";
import { estimateMonthToDate, type MonthToDateEstimate } from "@/lib/invoices/estimate";
import { streamBillingPreview } from "@/lib/invoices/preview";
import { loadContractMonth } from "./contract-month";
import { type Figures, figuresOf, rateProjected } from "./projection";
import { recommendTiers, type TierRecommendation } from "./tier-recommendation";
import { previewTierChanges } from "./tiers";

const TODAY = "2026-11-24";

// The route handlers read the signed-in user and the clock: both are pinned here, the rest is real.
const auth = vi.hoisted(() => ({ caller: null as CurrentUser | null }));
vi.mock("@/lib/auth/guard", async () => {
  const { AppError } = await import("@/lib/errors/app-error");
  const { can } = await import("@/lib/auth/permissions");
  const requireUser = async (permission: Parameters<typeof can>[1]) => {
    if (!auth.caller) throw new AppError("unauthenticated", "Sign in.");
    if (!can(auth.caller.role, permission)) throw new AppError("forbidden", "Not for this role.");
    return auth.caller;
  };
  return { requireUser, requirePageUser: requireUser, requireSignedIn: async () => auth.caller };
});
vi.mock("@/lib/clock", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/clock")>()),
  now: () => new Date(`${TODAY}T12:00:00Z`),
}));

const previewRoute = await import("@/app/api/portal/usage/tiers/preview/route");
const recommendationRoute = await import("@/app/api/portal/usage/tiers/recommendation/route");
const adminRoute = await import("@/app/api/admin/usage/resellers/[resellerId]/tiers/recommendation/route");

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`), demo: false });
});

type Terms = {
  tierCode: string;
  paidStart: string;
  currency?: string;
  taxRatePercent?: string;
  rampUpCycles?: number;
  trial?: boolean;
};

/** A fresh reseller whose contract was ordered (and provisioned) on `paidStart`. */
async function resellerWith(terms: Terms) {
  const resellerId = await newReseller();
  if (terms.taxRatePercent)
    await db()
      .update(s.resellers)
      .set({ taxRatePercent: terms.taxRatePercent })
      .where(eq(s.resellers.id, resellerId));
  const ordered = await orderContract(db(), {
    resellerId,
    tierCode: terms.tierCode,
    currency: terms.currency ?? "USD",
    trial: terms.trial ?? false,
    rampUpCycles: terms.rampUpCycles,
    actor: owner,
    today: terms.paidStart,
  });
  await markProvisioned(db(), { contractId: ordered.id, actor: admin, today: terms.paidStart });
  return { resellerId, contractId: ordered.id };
}

const GIB = 1073741824n;

/**
 * Two customers with daily usage from `from` to `to`: workstations and servers growing a little, storage in
 * bytes, and compute seconds accumulated since the 1st (a `last` SKU), so projections have work to do.
 * About 2,200 USD a month on Tier 2: above its commitment, below Tier 3's.
 */
async function addUsage(resellerId: string, from: string, to: string) {
  const skuRows = await db().select().from(s.skus);
  const skuId = (code: string) => skuRows.find((k) => k.code === code)!.id;
  for (const [i, name] of ["Alder Dental", "Birch Legal"].entries()) {
    const [customer] = await db()
      .insert(s.customers)
      .values({ resellerId, acronisTenantId: randomUUID(), name })
      .returning();
    const rows: (typeof s.usageSnapshots.$inferInsert)[] = [];
    for (
      let t = Date.parse(`${from}T00:00:00Z`), n = 0;
      t <= Date.parse(`${to}T00:00:00Z`);
      t += 86_400_000, n++
    ) {
      const day = new Date(t).toISOString().slice(0, 10);
      const dayOfMonth = new Date(t).getUTCDate();
      const add = (code: string, value: bigint | number) =>
        rows.push({ customerId: customer!.id, skuId: skuId(code), day, value: String(value) });
      add("pw_base_workstations", 140 + i * 20 + (n % 9));
      add("pw_base_servers", 18 + i * 4 + (n % 3));
      add("pw_base_storage", BigInt(1900 + 4 * n + i * 100) * GIB);
      add("pw_base_adv_dr_compute_points", 7200 * dayOfMonth);
    }
    for (let k = 0; k < rows.length; k += 500)
      await db()
        .insert(s.usageSnapshots)
        .values(rows.slice(k, k + 500));
  }
}

function figuresOfEstimate(estimate: MonthToDateEstimate): Figures {
  const { consumption, commitment, rampUpWaived, topUp, subtotal, tax, total } = estimate;
  return { consumption, commitment, rampUpWaived, topUp, subtotal, tax, total };
}

function billed(result: RatingResult): Figures {
  if (!result.billable) throw new Error("expected a billable month");
  return figuresOf(result);
}

/** The subtotal the billing run would invoice for the contract in `period` (its preview, nothing stored). */
async function invoicedSubtotal(contractId: string, period: string): Promise<string> {
  for await (const preview of streamBillingPreview(db(), period)) {
    if (preview.contractId !== contractId) continue;
    if (!preview.billable || preview.error) throw new Error(`not billed: ${preview.error}`);
    return preview.subtotal;
  }
  throw new Error(`${contractId} is not covered in ${period}`);
}

const row = (rec: TierRecommendation, code: string) => rec.tiers.find((t) => t.tierCode === code)!;

describe("previewTierChanges", () => {
  it.each([
    ["USD", "0"],
    ["SEK", "25"], // no SEK price list: USD prices and commitments × FX, as on the invoice
  ])(
    "prices an upgrade (%s) exactly as the engine bills the month after really upgrading",
    async (currency, tax) => {
      const { resellerId, contractId } = await resellerWith({
        tierCode: "T1",
        paidStart: "2026-09-01",
        currency,
        taxRatePercent: tax,
      });
      await addUsage(resellerId, "2026-09-01", TODAY);
      const preview = (await previewTierChanges(db(), resellerId, TODAY))!;
      expect(preview).toMatchObject({
        contractId,
        currency,
        period: "2026-11",
        asOf: TODAY,
        daysElapsed: 24,
      });
      expect(preview.currentTier.code).toBe("T1");
      expect(preview.targets.filter((t) => t.direction === "upgrade").map((t) => t.tierCode)).toEqual([
        "T2",
        "T3",
        "T4",
        "T5",
      ]);
      expect(preview.targets.filter((t) => t.direction === "downgrade").map((t) => t.tierCode)).toEqual([
        "T0",
      ]);

      const before = await estimateMonthToDate(db(), { contractId, asOf: TODAY });
      const t3 = preview.targets.find((t) => t.tierCode === "T3")!;
      expect(t3).toMatchObject({
        direction: "upgrade",
        effectiveOn: TODAY,
        period: "2026-11",
        basis: "this_month",
      });
      expect(t3.current.toDate).toEqual(figuresOfEstimate(before));

      await upgradeTier(db(), { contractId, tierCode: "T3", actor: owner, today: TODAY });
      const after = await estimateMonthToDate(db(), { contractId, asOf: TODAY });
      expect(after.tier).toBe("T3");
      // §3: the upgrade governs the whole month, and the preview said so to the cent.
      expect(t3.toDate).toEqual(figuresOfEstimate(after));
      expect(t3.commitment).toBe(after.commitment);
      const month = (await loadContractMonth(db(), contractId, "2026-11", TODAY))!;
      expect(t3.projected).toEqual(billed(rateProjected(month.loaded.input, TODAY)));
      expect(t3.difference.toDate).toBe(formatMoney(dec(after.subtotal).minus(before.subtotal), currency));
      // Unit prices as the invoice lines carry them.
      const workstations = after.customers
        .flatMap((c) => c.lines)
        .find((l) => l.skuCode === "pw_base_workstations");
      expect(t3.unitPrices.find((p) => p.sku === "pw_base_workstations")?.price).toBe(
        workstations?.unitPrice,
      );
      expect(t3.unitPrices.map((p) => p.sku)).toEqual([
        "pw_base_workstations",
        "pw_base_servers",
        "pw_base_vms",
        "pw_base_m365_seats",
        "pw_base_storage",
      ]);
    },
  );

  it("shows a downgrade as next month's estimate, with next month's commitment and ramp-up", async () => {
    // Cycle 1 (November) is waived by ramp-up; December, the month a downgrade first governs, is not.
    const { resellerId } = await resellerWith({ tierCode: "T2", paidStart: "2026-11-01", rampUpCycles: 1 });
    await addUsage(resellerId, "2026-11-01", TODAY);
    const preview = (await previewTierChanges(db(), resellerId, TODAY))!;
    const t1 = preview.targets.find((t) => t.tierCode === "T1")!;
    expect(t1).toMatchObject({
      direction: "downgrade",
      effectiveOn: "2026-12-01",
      period: "2026-12",
      basis: "next_month_estimate",
      commitment: "250.00",
      currentTerms: { commitment: "1000.00" },
      toDate: null,
    });
    expect(t1.unitPrices.find((p) => p.sku === "pw_base_workstations")?.price).toBe("3.8000");
    expect(t1.currentTerms.unitPrices.find((p) => p.sku === "pw_base_workstations")?.price).toBe("3.5000");
    expect(t1.projected).toMatchObject({ rampUpWaived: false, commitment: "250.00" });
    expect(t1.current.projected).toMatchObject({ rampUpWaived: false, commitment: "1000.00" });
    // The same projected quantities as this month's projection, on the current tier: the same consumption.
    const month = (await loadContractMonth(db(), preview.contractId, "2026-11", TODAY))!;
    const thisMonth = billed(rateProjected(month.loaded.input, TODAY));
    expect(thisMonth.rampUpWaived).toBe(true);
    expect(t1.current.projected?.consumption).toBe(thisMonth.consumption);
    expect(t1.difference.projected).toBe(
      formatMoney(dec(t1.projected!.subtotal).minus(t1.current.projected!.subtotal), "USD"),
    );
    // An upgrade governs November, still waived.
    expect(preview.targets.find((t) => t.tierCode === "T3")?.toDate?.rampUpWaived).toBe(true);
  });

  it("gives a trial its terms but no figures, with the reason", async () => {
    const { resellerId } = await resellerWith({ tierCode: "T1", paidStart: "2026-11-10", trial: true });
    await addUsage(resellerId, "2026-11-10", TODAY);
    const preview = (await previewTierChanges(db(), resellerId, TODAY))!;
    expect(preview.targets.length).toBeGreaterThan(0);
    for (const target of preview.targets) {
      expect(target.commitment).not.toBeNull();
      expect(target.unitPrices.every((p) => p.price !== null)).toBe(true);
      expect(target).toMatchObject({
        toDate: null,
        projected: null,
        current: { toDate: null, projected: null },
      });
      expect(target.reason).toMatch(/trial/);
    }
  });

  it("is scoped by the reseller: its own contract, nothing for a stranger, no foreign view", async () => {
    const a = await resellerWith({ tierCode: "T2", paidStart: "2026-10-01" });
    const b = await resellerWith({ tierCode: "T3", paidStart: "2026-10-01" });
    expect((await previewTierChanges(db(), a.resellerId, TODAY))?.contractId).toBe(a.contractId);
    expect((await previewTierChanges(db(), b.resellerId, TODAY))?.contractId).toBe(b.contractId);
    expect(await previewTierChanges(db(), await newReseller(), TODAY)).toBeNull();
    expect(await recommendTiers(db(), randomUUID(), TODAY)).toBeNull();
    const view = await getContractView(db(), { contractId: b.contractId, today: TODAY });
    await expectRefusal(
      previewTierChanges(db(), a.resellerId, TODAY, { view }),
      "forbidden",
      "another reseller",
    );
    await expectRefusal(recommendTiers(db(), a.resellerId, TODAY, { view }), "forbidden", "another reseller");
  });
});

describe("recommendTiers", () => {
  it("rates the last three closed months on every orderable tier; the current tier is what was invoiced", async () => {
    const { resellerId, contractId } = await resellerWith({ tierCode: "T1", paidStart: "2026-07-15" });
    await addUsage(resellerId, "2026-07-15", TODAY);
    const rec = (await recommendTiers(db(), resellerId, TODAY))!;
    expect(rec).toMatchObject({ contractId, currency: "USD", taxIncluded: false, explanation: null });
    expect(rec.periods).toEqual(["2026-08", "2026-09", "2026-10"]);
    expect(rec.tiers.map((t) => t.tierCode).sort()).toEqual(["PROMO", "T0", "T1", "T2", "T3", "T4", "T5"]);

    const current = row(rec, "T1");
    expect(current).toMatchObject({ current: true, path: "current", savingVsCurrent: "0.00" });
    expect(rec.tiers.filter((t) => t.current)).toHaveLength(1);
    const invoiced = await Promise.all(rec.periods.map((p) => invoicedSubtotal(contractId, p)));
    expect(current.perPeriod.map((p) => p.subtotal)).toEqual(invoiced);
    expect(current.total).toBe(
      formatMoney(
        invoiced.reduce((sum, x) => sum.plus(x), dec(0)),
        "USD",
      ),
    );

    // Cheapest first, savings signed against the current tier.
    const totals = rec.tiers.map((t) => dec(t.total));
    for (let i = 1; i < totals.length; i++) expect(totals[i]!.gte(totals[i - 1]!)).toBe(true);
    for (const tier of rec.tiers)
      expect(tier.savingVsCurrent).toBe(formatMoney(dec(current.total).minus(tier.total), "USD"));
    // About 2,200 a month: Tier 2's lower prices beat Tier 1 once consumption clears its commitment.
    expect(rec.tiers[0]?.tierCode).toBe("T2");
    expect(dec(row(rec, "T2").savingVsCurrent).gt(0)).toBe(true);
    expect(Object.fromEntries(rec.tiers.map((t) => [t.tierCode, t.path]))).toEqual({
      T0: "downgrade",
      T1: "current",
      T2: "upgrade",
      T3: "upgrade",
      T4: "upgrade",
      T5: "upgrade",
      PROMO: "unavailable", // nothing downgrades to Promo
    });
    // A commitment above consumption is topped up: Tier 4's months cost its commitment.
    expect(row(rec, "T4").perPeriod.map((p) => p.subtotal)).toEqual(["10000.00", "10000.00", "10000.00"]);
  });

  it("rates a month that crossed a real upgrade on each candidate alone", async () => {
    const { resellerId, contractId } = await resellerWith({ tierCode: "T1", paidStart: "2026-08-01" });
    await addUsage(resellerId, "2026-08-01", TODAY);
    await upgradeTier(db(), { contractId, tierCode: "T2", actor: owner, today: "2026-09-15" });
    const rec = (await recommendTiers(db(), resellerId, TODAY))!;
    const [aug, sep, oct] = await Promise.all(rec.periods.map((p) => invoicedSubtotal(contractId, p)));
    // August was invoiced on Tier 1; September (Tier 2 on its last day) and October on Tier 2.
    expect(row(rec, "T1").perPeriod[0]?.subtotal).toBe(aug);
    expect(row(rec, "T2").perPeriod.map((p) => p.subtotal)).toEqual([expect.any(String), sep, oct]);
    expect(row(rec, "T2")).toMatchObject({ current: true, path: "current" });
    // September on Tier 1 alone: the engine on the whole month at Tier 1's prices, not the invoice.
    const month = (await loadContractMonth(db(), contractId, "2026-09", null))!;
    expect(month.loaded.input.contract.tiers.map((t) => t.tier)).toEqual(["T1", "T2"]);
    expect(row(rec, "T1").perPeriod[1]?.subtotal).not.toBe(sep);
    const tierOneSeptember = ratePeriod({
      ...month.loaded.input,
      contract: { ...month.loaded.input.contract, tiers: [{ from: "2026-08-01", tier: "T1" }] },
    });
    expect(row(rec, "T1").perPeriod[1]?.subtotal).toBe(billed(tierOneSeptember).subtotal);
  });

  it("applies ramp-up waivers as the contract's cycles give them", async () => {
    const { resellerId, contractId } = await resellerWith({
      tierCode: "T3",
      paidStart: "2026-09-01",
      rampUpCycles: 1,
    });
    await addUsage(resellerId, "2026-09-01", TODAY);
    const rec = (await recommendTiers(db(), resellerId, TODAY))!;
    expect(rec.periods).toEqual(["2026-09", "2026-10"]);
    for (const tier of rec.tiers) {
      const [sep, oct] = tier.perPeriod;
      expect(sep).toMatchObject({ rampUpWaived: true, topUp: "0.00" });
      expect(sep?.subtotal).toBe(sep?.consumption);
      expect(oct?.rampUpWaived).toBe(false);
    }
    expect(row(rec, "T3").perPeriod.map((p) => p.subtotal)).toEqual(
      await Promise.all(rec.periods.map((p) => invoicedSubtotal(contractId, p))),
    );
  });

  it("explains that there is nothing to compare before a paid month has closed", async () => {
    const fresh = await resellerWith({ tierCode: "T2", paidStart: "2026-11-03" });
    const trial = await resellerWith({ tierCode: "T2", paidStart: "2026-10-20", trial: true });
    for (const { resellerId } of [fresh, trial]) {
      const rec = (await recommendTiers(db(), resellerId, TODAY))!;
      expect(rec).toMatchObject({ periods: [], tiers: [], unpriced: [] });
      expect(rec.explanation).toMatch(/first full month/);
    }
  });
});

describe("tier routes", () => {
  const user = (role: CurrentUser["role"], resellerId: string | null): CurrentUser => ({
    id: randomUUID(),
    email: `${role}@test.example`,
    name: role,
    role,
    resellerId,
    sessionId: randomUUID(),
  });
  const get = (url: string) => new Request(`http://localhost${url}`);
  const adminGet = (resellerId: string) =>
    adminRoute.GET(get(`/api/admin/usage/resellers/${resellerId}/tiers/recommendation`), {
      params: Promise.resolve({ resellerId }),
    });

  it("answer a reseller user with its own contract only", async () => {
    const a = await resellerWith({ tierCode: "T2", paidStart: "2026-09-01" });
    const b = await resellerWith({ tierCode: "T1", paidStart: "2026-09-01" });
    for (const [who, contractId] of [
      [a, a.contractId],
      [b, b.contractId],
    ] as const) {
      auth.caller = user("viewer", who.resellerId);
      const preview = await previewRoute.GET(get("/api/portal/usage/tiers/preview"), {});
      expect(preview.status).toBe(200);
      expect(await preview.json()).toMatchObject({ contractId, resellerId: who.resellerId });
      const rec = await recommendationRoute.GET(get("/api/portal/usage/tiers/recommendation?x=1"), {});
      expect(await rec.json()).toMatchObject({ contractId, periods: ["2026-09", "2026-10"] });
    }
    auth.caller = user("owner", await newReseller());
    expect((await previewRoute.GET(get("/api/portal/usage/tiers/preview"), {})).status).toBe(404);
    auth.caller = user("admin", null);
    expect((await previewRoute.GET(get("/api/portal/usage/tiers/preview"), {})).status).toBe(403);
  });

  it("let the back office read any reseller's recommendation, and nobody else", async () => {
    const a = await resellerWith({ tierCode: "T2", paidStart: "2026-09-01" });
    auth.caller = user("support", null);
    const ok = await adminGet(a.resellerId);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ contractId: a.contractId, resellerId: a.resellerId });
    expect((await adminGet(randomUUID())).status).toBe(404);
    expect((await adminGet("not-a-uuid")).status).toBe(400);
    auth.caller = user("owner", a.resellerId);
    expect((await adminGet(a.resellerId)).status).toBe(403);
  });
});
