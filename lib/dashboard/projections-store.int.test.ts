import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { resellerWithContract, setUsage } from "@/lib/alerts/test-support";
import { dec } from "@/lib/billing";
import { estimateMonthToDate } from "@/lib/invoices/estimate";
import { refreshProjections } from "./projections-store";

const db = () => globalThis.testDb.db;
const TODAY = "2026-11-24";
const scale4 = (value: string) => dec(value).toFixed(4);

async function projectionOf(contractId: string) {
  const [row] = await db()
    .select()
    .from(s.usageProjections)
    .where(eq(s.usageProjections.contractId, contractId));
  return row;
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`) });
});

describe("refreshProjections", () => {
  it("stores month to date exactly as estimateMonthToDate computes it, for every covered contract", async () => {
    const result = await refreshProjections(db(), { today: TODAY, batchSize: 2 });
    expect(result.period).toBe("2026-11");
    const live = await db()
      .select({ id: s.contracts.id })
      .from(s.contracts)
      .where(inArray(s.contracts.state, ["active", "suspended", "trial"]));
    expect(live.length).toBeGreaterThanOrEqual(3);
    for (const { id } of live) {
      const row = await projectionOf(id);
      const estimate = await estimateMonthToDate(db(), { contractId: id, asOf: TODAY });
      expect(row, `projection of ${id}`).toBeDefined();
      expect(row!.period).toBe("2026-11");
      expect(row!.asOf).toBe(TODAY);
      expect(row!.currency).toBe(estimate.currency);
      expect(row!.tierCode).toBe(estimate.tier);
      expect(row!.consumption).toBe(scale4(estimate.consumption));
      expect(row!.commitment).toBe(scale4(estimate.commitment));
      expect(row!.topUp).toBe(scale4(estimate.topUp));
      expect(row!.rampUpWaived).toBe(estimate.rampUpWaived);
      expect(row!.customers).toBe(estimate.customers.length);
      // The seed's compute points are a counter since the 1st: extrapolated, the month can only grow.
      expect(dec(row!.projectedConsumption).gte(row!.consumption)).toBe(true);
    }
  });

  it("projects peak-only usage at today's peak: never below month to date", async () => {
    const f = await resellerWithContract({ tierCode: "T2", paidStart: "2026-01-01", customers: 2 });
    await setUsage(f.customerIds[0]!, "pw_base_workstations", { from: "2026-11-01", to: TODAY }, (day) =>
      String(10 + Number(day.slice(8, 10))),
    );
    await setUsage(f.customerIds[1]!, "pw_base_servers", { from: "2026-11-01", to: "2026-11-10" }, "3");
    await refreshProjections(db(), { today: TODAY, contractIds: [f.contractId] });
    const row = await projectionOf(f.contractId);
    expect(row).toMatchObject({ trial: false, tierCode: "T2", customers: 2, rampUpWaived: false });
    // 34 workstations × 3.50 + 3 servers × 17.50 = 171.50 against a 1,000.00 commitment.
    expect(row!.consumption).toBe("171.5000");
    expect(row!.commitment).toBe("1000.0000");
    expect(row!.topUp).toBe("828.5000");
    expect(dec(row!.projectedConsumption).gte(row!.consumption)).toBe(true);
    expect(row!.projectedTopUp).toBe("828.5000");
    expect(row!.projectedTotal).toBe("1000.0000");
  });

  it("rates a trial as if paid from the 1st on its tier, marked trial", async () => {
    const f = await resellerWithContract({ tierCode: "T1", paidStart: null, trialStartedOn: "2026-11-12" });
    // Usage from before the trial's start counts too: converting bills the whole month.
    await setUsage(f.customerIds[0]!, "pw_base_workstations", { from: "2026-11-01", to: "2026-11-20" }, "50");
    await refreshProjections(db(), { today: TODAY, contractIds: [f.contractId] });
    const row = await projectionOf(f.contractId);
    expect(row).toMatchObject({ trial: true, tierCode: "T1", customers: 1, rampUpWaived: false });
    expect(row!.consumption).toBe("190.0000"); // 50 × 3.80
    expect(row!.commitment).toBe("250.0000"); // the whole month's: paid from the 1st
    expect(row!.topUp).toBe("60.0000");
    expect(row!.projectedTotal).toBe("250.0000");
    // Nothing was invoiced.
    const drafts = await db().select().from(s.invoices).where(eq(s.invoices.contractId, f.contractId));
    expect(drafts).toHaveLength(0);
  });

  it("replaces rows on a rerun and removes contracts no longer covered", async () => {
    const kept = await resellerWithContract({ tierCode: "T1", paidStart: "2026-03-01" });
    const cancelled = await resellerWithContract({ tierCode: "T1", paidStart: "2026-03-01" });
    await setUsage(kept.customerIds[0]!, "pw_base_workstations", { from: "2026-11-01", to: TODAY }, "10");
    const ids = [kept.contractId, cancelled.contractId];
    const first = await refreshProjections(db(), { today: "2026-11-20", contractIds: ids });
    expect(first.stored).toBe(2);
    const before = await projectionOf(kept.contractId);
    expect(before).toMatchObject({ asOf: "2026-11-20", consumption: "38.0000" });

    await setUsage(kept.customerIds[0]!, "pw_base_workstations", { from: "2026-11-21", to: TODAY }, "20");
    await db()
      .update(s.contracts)
      .set({ state: "cancelled", endDate: "2026-11-21" })
      .where(eq(s.contracts.id, cancelled.contractId));
    const second = await refreshProjections(db(), { today: TODAY });
    expect(second.removed).toBeGreaterThanOrEqual(1);
    const after = await projectionOf(kept.contractId);
    expect(after).toMatchObject({ asOf: TODAY, consumption: "76.0000" });
    expect(after!.computedAt.getTime()).toBeGreaterThanOrEqual(before!.computedAt.getTime());
    expect(await projectionOf(cancelled.contractId)).toBeUndefined();
    const rows = await db().select({ id: s.usageProjections.contractId }).from(s.usageProjections);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it("logs and skips a contract that cannot be rated; the others are stored", async () => {
    // No FX rate from USD to HUF: the engine refuses the contract.
    const broken = await resellerWithContract({ tierCode: "T1", paidStart: "2026-03-01", currency: "HUF" });
    const fine = await resellerWithContract({ tierCode: "T1", paidStart: "2026-03-01" });
    await setUsage(broken.customerIds[0]!, "pw_base_workstations", { from: "2026-11-01", to: TODAY }, "5");
    const result = await refreshProjections(db(), {
      today: TODAY,
      contractIds: [broken.contractId, fine.contractId],
    });
    expect(result).toMatchObject({ stored: 1, failed: 1 });
    expect(await projectionOf(broken.contractId)).toBeUndefined();
    expect(await projectionOf(fine.contractId)).toMatchObject({ consumption: "0.0000", topUp: "250.0000" });
  });

  it("projects 1,200 contracts in batches, one row each", async () => {
    const n = 1200;
    const [tier] = await db().select().from(s.tiers).where(eq(s.tiers.code, "T1"));
    const [sku] = await db().select().from(s.skus).where(eq(s.skus.code, "pw_base_workstations"));
    const tags = Array.from({ length: n }, () => `bulk-${randomUUID()}`);
    const ids: string[] = [];
    for (let i = 0; i < n; i += 400) {
      const chunk = tags.slice(i, i + 400);
      const resellerRows = await db()
        .insert(s.resellers)
        .values(
          chunk.map((tag) => ({
            name: tag,
            legalName: tag,
            addressLine1: "1 Bulk Street",
            city: "Bulkville",
            postalCode: "B1",
            country: "GB",
            currency: "USD",
            billingEmail: `${tag}@example.com`,
            status: "active" as const,
            internalTag: tag,
          })),
        )
        .returning({ id: s.resellers.id });
      const contractRows = await db()
        .insert(s.contracts)
        .values(
          resellerRows.map((r) => ({
            resellerId: r.id,
            state: "active" as const,
            currency: "USD",
            tierId: tier!.id,
            paidStart: "2026-06-01",
          })),
        )
        .returning({ id: s.contracts.id });
      await db()
        .insert(s.contractTierHistory)
        .values(
          contractRows.map((c) => ({
            contractId: c.id,
            tierId: tier!.id,
            effectiveFrom: "2026-06-01",
            kind: "order" as const,
          })),
        );
      const customerRows = await db()
        .insert(s.customers)
        .values(resellerRows.map((r) => ({ resellerId: r.id, acronisTenantId: randomUUID(), name: "Bulk" })))
        .returning({ id: s.customers.id });
      await db()
        .insert(s.usageSnapshots)
        .values(
          customerRows.map((c) => ({ customerId: c.id, skuId: sku!.id, day: "2026-11-20", value: "10" })),
        );
      ids.push(...contractRows.map((c) => c.id));
    }
    const result = await refreshProjections(db(), { today: TODAY });
    expect(result.failed).toBe(1); // the HUF contract of the test above
    expect(result.stored).toBeGreaterThanOrEqual(n);
    const rows = await db()
      .select({ consumption: s.usageProjections.consumption })
      .from(s.usageProjections)
      .where(inArray(s.usageProjections.contractId, ids));
    expect(rows).toHaveLength(n);
    expect(rows.every((row) => row.consumption === "38.0000")).toBe(true);
  });
});
