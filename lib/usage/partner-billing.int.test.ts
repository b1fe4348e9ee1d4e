import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { AcronisClient } from "@/lib/acronis";
import { ACRONIS_INFRA_ID, AZURE_INFRA_ID, PARTNER_INFRA_ID, type Simulator } from "@/lib/acronis-sim";
import { liveContract } from "@/lib/contracts/test-support";
import { loadCatalogue, loadContractInputs } from "@/lib/invoices";
import { rateOrExplain } from "@/lib/invoices/rate-errors";
import { startTestSimulator } from "@/lib/provisioning/test-support";
import { closeUsageMonth, listCustomers, runUsageSync } from "@/lib/usage";

// A reseller set up like a real partner: customers directly under its tenant, in a folder, under a
// sub-partner's folder, one in trial; storage on Acronis-hosted, hyperscaler and partner-owned
// infrastructures. Usage comes only from the simulator's overrides, so every quantity is known.
const db = () => globalThis.testDb.db;
const GIB = 2 ** 30;
const T = new Date("2026-11-20T08:00:00Z");
let sim: Simulator;
let acronis: AcronisClient;
let contractId: string;
let resellerId: string;
const tenants: Record<string, string> = {};

type SimTenant = { id: string; name: string };
const control = <R>(method: string, path: string, body?: unknown) => sim.control<R>(method, path, body);

async function tenant(name: string, parentId: string, kind: string, extra: Record<string, unknown> = {}) {
  const t = await control<SimTenant>("POST", "/tenants", {
    parent_id: parentId,
    name,
    kind,
    ...(kind === "customer"
      ? { skus: [], created_at: "2026-09-01T00:00:00Z", usage_since: "2026-09-01" }
      : {}),
    ...extra,
  });
  tenants[name] = t.id;
  return t.id;
}

const usage = (customer: string, usage_name: string, value: number, from: string, infra_id?: string) =>
  control("POST", "/usage", { tenant_id: tenants[customer], usage_name, value, from, infra_id });

/** The reseller's October invoice as a billing run would draft it (loader + engine), lines by customer and SKU. */
async function octoberInvoice() {
  const catalogue = await loadCatalogue(db(), "2026-10", ["USD"]);
  const [loaded] = await loadContractInputs(db(), catalogue, [contractId]);
  const rated = rateOrExplain(catalogue, loaded!);
  if (!rated) throw new Error("October is not billable");
  return {
    lines: rated.lines.map((l) => [l.type, l.customerName, l.skuCode, l.quantity, l.unitPrice, l.amount]),
    consumption: rated.result.consumption,
    topUp: rated.result.topUp,
    total: rated.result.total,
  };
}

async function dropOctoberSnapshots() {
  await db().execute(sql`
    delete from usage_snapshots u using customers c
    where c.id = u.customer_id and c.reseller_id = ${resellerId}
      and u.day >= '2026-10-01' and u.day < '2026-11-01'`);
}

/** One sync per day of October at 08:00, like the hourly schedule would leave them. */
async function syncEveryOctoberDay() {
  for (let day = 1; day <= 31; day++) {
    const at = new Date(Date.UTC(2026, 9, day, 8));
    await control("POST", "/clock", { now: at.toISOString() });
    const result = await runUsageSync(db(), acronis, { kind: "scheduled", now: at });
    expect(result.errors).toEqual([]);
  }
  await control("POST", "/clock", { now: T.toISOString() });
}

beforeAll(async () => {
  await seedDatabase(db(), { today: T, demo: false });
  ({ sim, acronis } = await startTestSimulator());
  await control("POST", "/clock", { now: T.toISOString() });
  const partner = await tenant("Harbor Partner", sim.rootTenantId, "partner", {
    internal_tag: "partner-billing",
  });
  const contract = await liveContract({ tierCode: "T1", today: "2026-09-01" });
  contractId = contract.id;
  resellerId = contract.resellerId;
  await db().update(s.resellers).set({ acronisTenantId: partner }).where(eq(s.resellers.id, resellerId));

  await tenant("Direct Dental", partner, "customer");
  const hospitals = await tenant("Hospitals", partner, "folder");
  await tenant("Folder Clinic", hospitals, "customer");
  const sub = await tenant("Sub IT", partner, "partner");
  const vets = await tenant("Vets", sub, "folder");
  await tenant("Sub Vet", vets, "customer");
  // In trial since 15 October: Acronis switches it to production after a full calendar month (on 1
  // December), so it bills nothing before.
  await tenant("Trial Labs", partner, "customer", {
    pricing_mode: "trial",
    created_at: "2026-10-15T00:00:00Z",
    usage_since: "2026-10-15",
  });

  await usage("Direct Dental", "pw_base_workstations", 10, "2026-10-01");
  await usage("Direct Dental", "pw_base_workstations", 14, "2026-10-10");
  await usage("Direct Dental", "pw_base_workstations", 12, "2026-10-20");
  await usage("Direct Dental", "pw_base_storage", 100 * GIB, "2026-10-01", ACRONIS_INFRA_ID);
  await usage("Direct Dental", "pw_base_adv_dr_compute_points", 7200, "2026-10-01");
  await usage("Direct Dental", "pw_base_adv_dr_compute_points", 18000, "2026-10-15");
  await usage("Folder Clinic", "pw_base_workstations", 5, "2026-10-01");
  await usage("Folder Clinic", "pw_base_storage", 200 * GIB, "2026-10-01", AZURE_INFRA_ID);
  await usage("Sub Vet", "pw_base_workstations", 3, "2026-10-01");
  await usage("Sub Vet", "pw_base_storage", 300 * GIB, "2026-10-01", PARTNER_INFRA_ID);
  await usage("Trial Labs", "pw_base_workstations", 50, "2026-10-15");
  await usage("Trial Labs", "pw_base_storage", 80 * GIB, "2026-10-15", ACRONIS_INFRA_ID);

  await syncEveryOctoberDay();
});
afterAll(async () => {
  await sim?.stop();
});

// T1 in USD: workstations 3.80, Acronis-hosted storage 0.085/GB, hyperscaler storage 0.103/GB, DR compute
// 0.85/hour; the commitment is 250.00.
const EXPECTED_OCTOBER = {
  lines: [
    ["usage", "Direct Dental", "pw_base_workstations", "14.0000", "3.8000", "53.20"],
    ["usage", "Direct Dental", "pw_base_storage", "100.0000", "0.0850", "8.50"],
    ["usage", "Direct Dental", "pw_base_adv_dr_compute_points", "5.0000", "0.8500", "4.25"],
    ["usage", "Folder Clinic", "pw_base_workstations", "5.0000", "3.8000", "19.00"],
    ["usage", "Folder Clinic", "pw_base_storage_hyperscaler", "200.0000", "0.1030", "20.60"],
    ["usage", "Sub Vet", "pw_base_workstations", "3.0000", "3.8000", "11.40"],
    ["commitment_topup", null, null, null, null, "133.05"],
  ],
  consumption: "116.95",
  topUp: "133.05",
  total: "250.00",
};

const sortLines = (invoice: Awaited<ReturnType<typeof octoberInvoice>>) => ({
  ...invoice,
  lines: [...invoice.lines].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
});

describe("a reseller configured like a real partner", () => {
  it("finds customers in folders and under sub-partners, with their path, and bills them", async () => {
    const rows = await db()
      .select({ name: s.customers.name, path: s.customers.path, parent: s.customers.parentTenantId })
      .from(s.customers)
      .where(eq(s.customers.resellerId, resellerId))
      .orderBy(asc(s.customers.name));
    expect(rows).toEqual([
      { name: "Direct Dental", path: "", parent: tenants["Harbor Partner"] },
      { name: "Folder Clinic", path: "Hospitals", parent: tenants.Hospitals },
      { name: "Sub Vet", path: "Sub IT / Vets", parent: tenants.Vets },
      { name: "Trial Labs", path: "", parent: tenants["Harbor Partner"] },
    ]);
    const invoice = await octoberInvoice();
    const billed = new Set(invoice.lines.map((l) => l[1]));
    expect(billed.has("Folder Clinic")).toBe(true);
    expect(billed.has("Sub Vet")).toBe(true);
  });

  it("lists a trial customer with its badge data and its usage, and does not bill it", async () => {
    const list = await listCustomers(db(), resellerId, "2026-10-31");
    const trial = list.find((c) => c.name === "Trial Labs");
    expect(trial).toMatchObject({
      billed: false,
      pricingMode: "trial",
      productionStartDate: "2026-12-01T00:00:00.000Z",
      services: 2,
      lastDay: "2026-10-31",
    });
    expect(list.filter((c) => c.billed).map((c) => c.name)).toEqual([
      "Direct Dental",
      "Folder Clinic",
      "Sub Vet",
    ]);
    // Still in trial this month: the badge stays.
    const now = await listCustomers(db(), resellerId, "2026-11-20");
    expect(now.find((c) => c.name === "Trial Labs")?.billed).toBe(false);
    // Its usage is stored (visible on its page) but no line rates it.
    expect(sortLines(await octoberInvoice())).toEqual(sortLines(EXPECTED_OCTOBER));
  });

  it("does not bill partner-owned storage and bills hyperscaler storage by its own SKU", async () => {
    const owners = await db()
      .select({ id: s.acronisInfrastructures.infraId, owner: s.acronisInfrastructures.owner })
      .from(s.acronisInfrastructures)
      .where(inArray(s.acronisInfrastructures.infraId, [ACRONIS_INFRA_ID, AZURE_INFRA_ID, PARTNER_INFRA_ID]))
      .orderBy(asc(s.acronisInfrastructures.infraId));
    expect(owners.map((o) => o.owner)).toEqual(["acronis", "hyperscaler", "partner"]);
    const result = await runUsageSync(db(), acronis, { kind: "manual", now: T });
    expect(result.notBilledRows).toBeGreaterThan(0);
    const lines = (await octoberInvoice()).lines;
    expect(lines.filter((l) => l[1] === "Sub Vet").map((l) => l[2])).toEqual(["pw_base_workstations"]);
    expect(lines.find((l) => l[1] === "Folder Clinic" && l[2] === "pw_base_storage_hyperscaler")?.[3]).toBe(
      "200.0000",
    );
  });

  it("reports usage on storage Acronis cannot classify instead of dropping it, and bills it once classified", async () => {
    // Storage the reseller registered itself: not in the distributor's list, so the sync asks Acronis by id.
    const own = await control<{ id: string }>("POST", "/infra", {
      name: "Harbor NAS",
      owner_tenant_id: tenants["Harbor Partner"],
    });
    await usage("Direct Dental", "pw_base_storage", 40 * GIB, "2026-11-01", own.id);
    await control("POST", "/faults", { path: "/api/2/infra", status: 404, count: null });
    try {
      const blind = await runUsageSync(db(), acronis, { kind: "manual", now: T });
      expect(blind.status).toBe("succeeded");
      expect(blind.errors).toContainEqual({
        tenantId: tenants["Direct Dental"],
        message: expect.stringContaining(own.id),
      });
      expect(blind.rows + blind.tenants).toBeGreaterThan(0);
    } finally {
      await control("DELETE", "/faults");
    }
    const seen = await runUsageSync(db(), acronis, { kind: "manual", now: T });
    expect(seen.errors).toEqual([]);
    const [row] = await db()
      .select({ owner: s.acronisInfrastructures.owner, name: s.acronisInfrastructures.name })
      .from(s.acronisInfrastructures)
      .where(eq(s.acronisInfrastructures.infraId, own.id));
    expect(row).toEqual({ owner: "partner", name: "Harbor NAS" });
  });

  for (const format of ["json_v2_0", "csv_v2_0"] as const) {
    it(`closes a month from the ${format} report to the invoice the hourly snapshots give`, async () => {
      const fromSnapshots = await octoberInvoice();
      expect(sortLines(fromSnapshots)).toEqual(sortLines(EXPECTED_OCTOBER));
      await dropOctoberSnapshots();
      expect((await octoberInvoice()).consumption).toBe("0.00");

      const closed = await closeUsageMonth(db(), acronis, {
        period: "2026-10",
        now: T,
        format,
        reportPollMs: 20,
      });
      expect(closed).toMatchObject({ status: "succeeded", format, from: "2026-10-01", to: "2026-10-31" });
      expect(closed.errors).toEqual([]);
      expect(closed.notBilledRows).toBeGreaterThan(0);
      expect(await octoberInvoice()).toEqual(fromSnapshots);

      // The report is kept with each row matched, or a note why it bills nothing.
      const [report] = closed.reports;
      const [stored] = await db()
        .select()
        .from(s.acronisUsageReports)
        .where(eq(s.acronisUsageReports.id, report!.reportId));
      expect(stored).toMatchObject({
        purpose: "month_close",
        kind: "usage_daily",
        format,
        period: "2026-10-01",
      });
      const rows = await db()
        .select()
        .from(s.acronisUsageReportRows)
        .where(
          and(
            eq(s.acronisUsageReportRows.reportId, report!.reportId),
            eq(s.acronisUsageReportRows.fromDay, "2026-10-15"),
          ),
        );
      const ours = (name: string) => rows.filter((r) => r.acronisTenantId === tenants[name]);
      expect(ours("Sub Vet").find((r) => r.infraId === PARTNER_INFRA_ID)).toMatchObject({
        skuId: null,
        note: expect.stringContaining("partner-owned storage"),
      });
      expect(ours("Trial Labs").find((r) => r.acronisName === "pw_base_workstations")).toMatchObject({
        quantity: "0.0000",
        note: expect.stringContaining("trial usage 50"),
      });
      const hyperscaler = ours("Folder Clinic").find((r) => r.infraId === AZURE_INFRA_ID);
      const [sku] = await db().select().from(s.skus).where(eq(s.skus.id, hyperscaler!.skuId!));
      expect([sku!.code, hyperscaler!.quantity, hyperscaler!.note]).toEqual([
        "pw_base_storage_hyperscaler",
        `${200 * GIB}.0000`,
        null,
      ]);

      // A second close of the same month changes no snapshot.
      const again = await closeUsageMonth(db(), acronis, {
        period: "2026-10",
        now: T,
        format,
        reportPollMs: 20,
      });
      expect(again.rows).toBe(0);
    });
  }
});
