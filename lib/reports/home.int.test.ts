import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { systemActor } from "@/lib/audit";
import { addDays, dec, formatMoney } from "@/lib/billing";
import { adminUsageOverview } from "@/lib/dashboard/overview";
import { refreshProjections } from "@/lib/dashboard/projections-store";
import { issueBillingRun, markPaid, startBillingRun } from "@/lib/invoices";
import { type BackOfficeHome, backOfficeHome } from "./home";
import { dailyUsage, paidReseller } from "./test-support";

// One currency (USD, the base) so "billed" is the plain sum of the invoices, no FX involved.
const TODAY = "2026-11-24";
const db = () => globalThis.testDb.db;
const actor = systemActor;

let before: BackOfficeHome;
let home: BackOfficeHome;
let failedReseller: string;

async function contractIn(
  state: "trial" | "active" | "provisioning_failed",
  extra: Partial<typeof s.contracts.$inferInsert> = {},
) {
  const r = await paidReseller(db(), {
    name: `Home ${state} ${Math.random()}`,
    tierCode: "T1",
    currency: "USD",
    paidStart: "2026-11-01",
  });
  await db()
    .update(s.contracts)
    .set({ state, ...extra })
    .where(eq(s.contracts.id, r.contractId));
  return r;
}

async function job(
  contractId: string,
  kind: "provision" | "tier_change",
  status: "failed" | "succeeded",
  at: string,
) {
  await db()
    .insert(s.provisioningJobs)
    .values({
      contractId,
      kind,
      status,
      lastError: status === "failed" ? "Acronis answered 503" : null,
      createdAt: new Date(at),
      updatedAt: new Date(at),
    });
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T09:00:00Z`), demo: false });
  const below = await paidReseller(db(), {
    name: "Below Co",
    tierCode: "T2",
    currency: "USD",
    paidStart: "2026-10-01",
  });
  await dailyUsage(db(), below.customerId, "2026-10", "pw_base_workstations", "10");
  const above = await paidReseller(db(), {
    name: "Above Co",
    tierCode: "T1",
    currency: "USD",
    paidStart: "2026-10-01",
  });
  await dailyUsage(db(), above.customerId, "2026-10", "pw_base_workstations", "400");
  const run = await startBillingRun(db(), { period: "2026-10", actor, today: TODAY });
  await issueBillingRun(db(), { runId: run.id, actor, today: TODAY });
  const [first] = await db().select().from(s.invoices).where(eq(s.invoices.contractId, above.contractId));
  await markPaid(db(), { invoiceId: first!.id, actor });

  // Trials: one ends in 3 days, one in 20; one converted this month, one last month.
  await contractIn("trial", { isTrial: true, paidStart: null, trialEndsOn: addDays(TODAY, 3) });
  await contractIn("trial", { isTrial: true, paidStart: null, trialEndsOn: addDays(TODAY, 20) });
  const converted = await contractIn("active", { isTrial: true });
  const convertedBefore = await contractIn("active", { isTrial: true, paidStart: "2026-10-15" });
  await db()
    .insert(s.contractEvents)
    .values([
      {
        contractId: converted.contractId,
        fromState: "trial",
        toState: "active",
        event: "converted",
        at: new Date("2026-11-10T12:00:00Z"),
      },
      {
        contractId: convertedBefore.contractId,
        fromState: "trial",
        toState: "active",
        event: "converted",
        at: new Date("2026-10-15T12:00:00Z"),
      },
    ]);

  // Provisioning: a failed setup, a failed tier change, and a failure retried successfully (not listed).
  const failed = await contractIn("provisioning_failed");
  failedReseller = failed.resellerId;
  await job(failed.contractId, "provision", "failed", "2026-11-20T10:00:00Z");
  await job(below.contractId, "tier_change", "failed", "2026-11-21T10:00:00Z");
  await job(above.contractId, "tier_change", "failed", "2026-11-18T10:00:00Z");
  await job(above.contractId, "tier_change", "succeeded", "2026-11-19T10:00:00Z");

  before = await backOfficeHome(db(), { today: TODAY });
  await refreshProjections(db(), { today: TODAY });
  home = await backOfficeHome(db(), { today: TODAY });
}, 240_000);

describe("backOfficeHome", () => {
  it("bills last month the sum of that month's issued (and paid) invoices", async () => {
    const [sums] = await db().execute<{ total: string; top: string; n: number; withTopUp: number }>(sql`
      select sum(total)::text as total, sum(top_up)::text as top, count(*)::int as n,
        (count(*) filter (where top_up > 0))::int as "withTopUp"
      from invoices where period = '2026-10' and status in ('issued', 'paid')`);
    expect(home.currency).toBe("USD");
    expect(home.lastMonth).toMatchObject({
      month: "2026-10",
      invoices: 2,
      total: formatMoney(dec(sums!.total), "USD"),
      topUps: formatMoney(dec(sums!.top), "USD"),
      topUpInvoices: sums!.withTopUp,
    });
    expect(sums!.withTopUp).toBe(1);
    expect(dec(home.lastMonth!.topUps).greaterThan(0)).toBe(true);
  });

  it("projects this month once projections exist, the same figure as the usage overview", async () => {
    expect(before.thisMonth).toBeNull();
    const overview = await adminUsageOverview(db(), { today: TODAY });
    expect(home.thisMonth).toEqual(overview.months.at(-1));
    expect(home.asOf).toBe(overview.asOf);
    expect(home.months).toHaveLength(12);
  });

  it("counts trials running, ending within 7 days and converted this month", () => {
    expect(home.trials).toEqual({ inProgress: 2, endingSoon: 1, convertedThisMonth: 1 });
  });

  it("lists contracts whose latest Acronis job failed, a retried success dropping off", () => {
    expect(home.failures.count).toBe(2);
    expect(home.failures.failedContracts).toBe(1);
    expect(home.failures.jobs.map((j) => [j.resellerName.split(" ")[0], j.kind])).toEqual([
      ["Below", "tier_change"],
      ["Home", "provision"],
    ]);
    expect(home.failures.jobs[1]!.resellerId).toBe(failedReseller);
    expect(home.failures.jobs[1]!.failedAt).toBe("2026-11-20T10:00:00Z");
  });

  it("keeps the marketplace counters", () => {
    expect(home.counters.resellers).toBe(7);
    expect(home.counters.trials).toBe(2);
    expect(home.counters.failed).toBe(1);
  });
});
