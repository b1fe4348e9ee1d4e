import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { AcronisClient } from "@/lib/acronis";
import type { Simulator } from "@/lib/acronis-sim";
import { systemActor } from "@/lib/audit";
import { issueBillingRun, startBillingRun } from "@/lib/invoices";
import { type JobQueue, startJobQueue } from "@/lib/jobs/queue";
import { createResellerWithContract, startTestSimulator, waitFor } from "@/lib/provisioning/test-support";
import { backfillUsageHistory, runUsageSync } from "@/lib/usage";
import { checkMonth } from "./check";
import { checkJobs, requestCheck, startReconciliationWorker } from "./jobs";
import { latestChecks } from "./queries";
import { getComparison } from "./view";

// The done-when of issue 14 item 8: a month billed from synced usage shows no difference; a customer whose
// usage the simulator changed after the invoice was issued is flagged with the right difference.
const T = new Date("2026-11-24T08:00:00Z");
const TODAY = "2026-11-24";
const PERIOD = "2026-10";
const db = () => globalThis.testDb.db;
let sim: Simulator;
let acronis: AcronisClient;
type SimTenant = { id: string };

/** A reseller with a paid contract from `paidStart`, its partner tenant, and customers in production since September. */
async function resellerOnSimulator(paidStart: string, customerNames: string[]) {
  const { resellerId, contractId, tag } = await createResellerWithContract(db(), { tierCode: "T1" });
  const partner = await sim.control<SimTenant>("POST", "/tenants", {
    parent_id: sim.rootTenantId,
    name: `Partner ${tag}`,
    kind: "partner",
    internal_tag: tag,
    created_at: "2026-08-01T00:00:00Z",
  });
  await db()
    .update(s.resellers)
    .set({ acronisTenantId: partner.id, status: "active" })
    .where(eq(s.resellers.id, resellerId));
  await db().update(s.contracts).set({ state: "active", paidStart }).where(eq(s.contracts.id, contractId));
  // One customer sits in a folder: reconciliation compares the whole subtree, as billing does.
  const folder = await sim.control<SimTenant>("POST", "/tenants", {
    parent_id: partner.id,
    name: "Folder",
    kind: "folder",
    created_at: "2026-08-01T00:00:00Z",
  });
  for (const [i, name] of customerNames.entries()) {
    await sim.control("POST", "/tenants", {
      parent_id: i === 0 ? folder.id : partner.id,
      name,
      kind: "customer",
      created_at: "2026-09-01T00:00:00Z",
      usage_since: "2026-09-01",
      skus: [
        "pw_base_workstations",
        "pw_base_servers",
        "pw_base_storage",
        "pw_base_adv_dr_storage",
        "pw_base_adv_dr_compute_points",
      ],
    });
  }
  return { resellerId, partnerId: partner.id };
}

let partnerId: string;

beforeAll(async () => {
  ({ sim, acronis } = await startTestSimulator());
  await sim.control("POST", "/clock", { now: T.toISOString() });
  await seedDatabase(db(), { today: T, demo: false });
  ({ partnerId } = await resellerOnSimulator("2026-09-01", ["Alpha GmbH", "Beta AG", "Gamma KG"]));
  // Paid from the 15th: its invoice and the comparison both count October from the 15th only.
  await resellerOnSimulator("2026-10-15", ["Delta Oy", "Epsilon AB"]);
  // A customer in trial all month: Acronis reports no production usage and Tierline bills none.
  await sim.control("POST", "/tenants", {
    parent_id: partnerId,
    name: "Trial Zeta",
    kind: "customer",
    pricing_mode: "trial",
    created_at: "2026-10-01T00:00:00Z",
    usage_since: "2026-10-01",
    skus: ["pw_base_workstations"],
  });
  // October's usage as production has it: customers discovered, the month closed from Acronis's daily report.
  await runUsageSync(db(), acronis, { kind: "manual", now: T });
  await backfillUsageHistory(db(), acronis, {
    from: `${PERIOD}-01`,
    to: "2026-11-23",
    now: T,
    reportPollMs: 20,
  });
  const run = await startBillingRun(db(), { period: PERIOD, actor: systemActor, today: TODAY });
  await issueBillingRun(db(), { runId: run.id, actor: systemActor, today: TODAY });
});
afterAll(async () => {
  await sim?.stop();
});

const tolerancePercent = "0.5";

async function compare() {
  const result = await getComparison(db(), { period: PERIOD, tolerancePercent });
  if (!result) throw new Error("no check stored");
  return result;
}

/** A usage line of October's issued invoices: customer, its tenant, SKU, quantity and unit price. */
async function issuedLine(skuCode: string) {
  const [line] = await db()
    .select({
      customerId: s.invoiceLines.customerId,
      customerName: s.invoiceLines.customerName,
      tenantId: s.customers.acronisTenantId,
      resellerId: s.invoices.resellerId,
      quantity: s.invoiceLines.quantity,
      unitPrice: s.invoiceLines.unitPrice,
      currency: s.invoices.currency,
    })
    .from(s.invoiceLines)
    .innerJoin(s.invoices, eq(s.invoices.id, s.invoiceLines.invoiceId))
    .innerJoin(s.customers, eq(s.customers.id, s.invoiceLines.customerId))
    .where(
      and(
        eq(s.invoices.period, PERIOD),
        eq(s.invoices.status, "issued"),
        eq(s.invoiceLines.skuCode, skuCode),
      ),
    )
    .orderBy(asc(s.invoiceLines.customerName))
    .limit(1);
  if (!line) throw new Error(`no issued ${skuCode} line`);
  return line;
}

describe("reconciliation against the simulator", () => {
  it("shows no difference for a month billed from synced usage", async () => {
    const results = await checkMonth(db(), acronis, { period: PERIOD, now: T, reportPollMs: 20 });
    expect(results).toHaveLength(1);
    expect(results[0]!.rows).toBeGreaterThan(0);
    const { comparison } = await compare();
    const billedLines = await db()
      .select({ id: s.invoiceLines.id })
      .from(s.invoiceLines)
      .innerJoin(s.invoices, eq(s.invoices.id, s.invoiceLines.invoiceId))
      .where(and(eq(s.invoices.period, PERIOD), eq(s.invoiceLines.type, "usage")));
    // Every usage line of the month is compared, and nothing differs.
    expect(billedLines.length).toBeGreaterThan(5);
    expect(comparison.rows).toHaveLength(billedLines.length);
    expect(comparison.rows.filter((r) => r.difference !== "0.0000")).toEqual([]);
    expect(comparison.flaggedServices).toBe(0);
    expect(comparison.resellers.length).toBeGreaterThanOrEqual(2);
    for (const reseller of comparison.resellers) expect(reseller.flaggedServices, reseller.name).toBe(0);
  });

  it("flags a customer whose usage the simulator changed after the invoice was issued", async () => {
    const line = await issuedLine("pw_base_workstations");
    const billed = Number(line.quantity);
    // Seven more workstations from the 20th: the month's peak grows by 7 after the invoice was issued.
    await sim.control("POST", "/usage", {
      tenant_id: line.tenantId,
      usage_name: "pw_base_workstations",
      from: `${PERIOD}-20`,
      value: billed + 7,
    });
    await checkMonth(db(), acronis, { period: PERIOD, now: T, reportPollMs: 20 });
    const { comparison } = await compare();
    const flagged = comparison.rows.filter((r) => r.flagged);
    expect(
      flagged.map((r) => [r.customerName, r.skuCode, r.acronisQuantity, r.billedQuantity, r.difference]),
    ).toEqual([
      [line.customerName, "pw_base_workstations", `${billed + 7}.0000`, `${billed}.0000`, "7.0000"],
    ]);
    expect(flagged[0]!.atStake).toEqual({
      currency: line.currency,
      amount: (7 * Number(line.unitPrice)).toFixed(2),
    });
    const reseller = comparison.resellers.find((r) => r.resellerId === line.resellerId)!;
    const service = reseller.services.find((sv) => sv.skuCode === "pw_base_workstations")!;
    expect(service).toMatchObject({ flagged: true, reason: "over_tolerance" });
    expect(service.customers.map((c) => c.customerId)).toEqual([line.customerId]);
    expect(comparison.flaggedServices).toBe(1);
    // The newer check replaced the older one: one stored reconciliation report for the month.
    const reports = await db()
      .select({ id: s.acronisUsageReports.id })
      .from(s.acronisUsageReports)
      .where(
        and(
          eq(s.acronisUsageReports.purpose, "reconciliation"),
          eq(s.acronisUsageReports.period, `${PERIOD}-01`),
        ),
      );
    expect(reports).toHaveLength(1);
  });

  it("lists a customer Tierline never synced apart, with its usage", async () => {
    const stranger = await sim.control<{ id: string }>("POST", "/tenants", {
      parent_id: partnerId,
      name: "Never Synced Ltd",
      kind: "customer",
      usage_since: `${PERIOD}-01`,
      skus: ["pw_base_workstations"],
    });
    await checkMonth(db(), acronis, { period: PERIOD, now: T, reportPollMs: 20 });
    const { comparison, unmatched } = await compare();
    const rows = unmatched.filter((r) => r.acronisTenantId === stranger.id);
    expect(rows.map((r) => [r.reason, r.acronisName])).toEqual([
      ["unknown_customer", "pw_base_workstations"],
    ]);
    expect(Number(rows[0]!.peak)).toBeGreaterThan(0);
    // Not mixed into any reseller's figures.
    expect(comparison.rows.some((r) => r.customerName === "Never Synced Ltd")).toBe(false);
  });
});

describe("reconciliation checks as jobs", () => {
  let queue: JobQueue;
  afterAll(async () => {
    await queue?.stop({ graceful: false });
  });

  it("queues one check per datacenter, once while it waits, and the worker stores a newer report", async () => {
    queue = await startJobQueue({ connectionString: globalThis.testDb.url, schema: "pgboss_recon" });
    const before = await latestChecks(db(), PERIOD);
    const actor = { userId: null, label: "recon test" };
    const first = await requestCheck(db(), queue, { period: PERIOD, today: TODAY, actor });
    expect(first).toEqual({ queued: ["Default datacenter"], alreadyWaiting: [] });
    const second = await requestCheck(db(), queue, { period: PERIOD, today: TODAY, actor });
    expect(second).toEqual({ queued: [], alreadyWaiting: ["Default datacenter"] });
    const datacenterId = before[0]!.datacenterId;
    expect((await checkJobs(queue, PERIOD, [datacenterId])).get(datacenterId)).toMatchObject({
      state: "created",
      requestedBy: "recon test",
    });
    const worker = await startReconciliationWorker({
      db: db(),
      queue,
      acronis,
      queuePollingSeconds: 0.5,
      checkOptions: { reportPollMs: 20 },
    });
    try {
      const job = await waitFor(async () => {
        const found = (await checkJobs(queue, PERIOD, [datacenterId])).get(datacenterId);
        return found && (found.state === "completed" || found.state === "failed") ? found : null;
      });
      expect(job).toMatchObject({ state: "completed", error: null });
    } finally {
      await worker.stop();
    }
    const after = await latestChecks(db(), PERIOD);
    expect(after).toHaveLength(1);
    expect(after[0]!.reportId).toBeGreaterThan(before[0]!.reportId);
  });

  it("refuses a month that has not ended, and one with no issued invoices", async () => {
    queue ??= await startJobQueue({ connectionString: globalThis.testDb.url, schema: "pgboss_recon" });
    const actor = { userId: null, label: "recon test" };
    await expect(requestCheck(db(), queue, { period: "2026-11", today: TODAY, actor })).rejects.toThrow(
      /has not ended yet/,
    );
    await expect(requestCheck(db(), queue, { period: "2025-01", today: TODAY, actor })).rejects.toThrow(
      /no issued invoices/,
    );
  });
});
