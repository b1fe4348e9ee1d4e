// The client against the simulator over real HTTP: reports in both formats, as a partner configured
// like a real one (a customer in a folder, one under a sub-partner, one in trial, storage on two
// infrastructures) would get them.
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACRONIS_INFRA_ID,
  AZURE_INFRA_ID,
  generatedValue,
  type Simulator,
  startSimulator,
} from "../acronis-sim/index";
import {
  type AcronisClient,
  type AcronisReportRow,
  type AcronisUsageReport,
  createAcronisClient,
} from "./index";

const SIM_NOW = new Date("2025-03-15T12:00:00Z");
const SINCE = "2025-01-01";
const GIB = 2 ** 30;
const FEB = { from: "2025-02-01", to: "2025-02-28" } as const;
const wait = { pollIntervalMs: 10 };

let sim: Simulator;
let client: AcronisClient;
const ids = { partner: "", folder: "", inFolder: "", subPartner: "", underSub: "", trial: "" };

const control = <T = { id: string }>(method: string, path: string, body?: unknown) =>
  sim.control<T>(method, path, body);

async function tenant(parent: string, name: string, extra: Record<string, unknown> = {}) {
  return (await control("POST", "tenants", { parent_id: parent, name, usage_since: SINCE, ...extra })).id;
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, dataDir: null, now: () => SIM_NOW, reportDelayMs: 30 });
  client = createAcronisClient({
    baseUrl: sim.url,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 10))),
  });
  ids.partner = await tenant(sim.rootTenantId, "Northwind Partners", { kind: "partner" });
  ids.folder = await tenant(ids.partner, "Managed Clients", { kind: "folder" });
  ids.subPartner = await tenant(ids.partner, "Fabrikam Reseller", { kind: "partner" });
  // What a partner has enabled, its folders and sub-partners may use.
  const items = [
    { name: "pw_base_workstations" },
    { name: "pw_base_servers" },
    { name: "pw_base_storage", infra_id: ACRONIS_INFRA_ID },
    { name: "pw_base_storage", infra_id: AZURE_INFRA_ID },
    { name: "pw_base_adv_dr_compute_points", infra_id: ACRONIS_INFRA_ID },
  ];
  for (const t of [ids.partner, ids.folder, ids.subPartner]) {
    for (const item of items) await control("POST", "offering_items", { tenant_id: t, ...item, status: 1 });
  }
  ids.inFolder = await tenant(ids.folder, "Contoso Ltd", {
    skus: ["pw_base_workstations", "pw_base_storage"],
  });
  ids.underSub = await tenant(ids.subPartner, "Tailspin Toys", {
    skus: ["pw_base_servers", "pw_base_adv_dr_compute_points"],
  });
  ids.trial = await tenant(ids.partner, "Trial Co", {
    pricing_mode: "trial",
    skus: ["pw_base_workstations", "pw_base_storage"],
  });
  await control("POST", "usage", {
    tenant_id: ids.inFolder,
    usage_name: "pw_base_storage",
    infra_id: AZURE_INFRA_ID,
    from: "2025-02-10",
    value: 5 * GIB,
  });
});
afterAll(() => sim.stop());

const generated = (tenantId: string, name: string, usageName: string, date: string) =>
  generatedValue(tenantId, name, usageName, date, SINCE);
const find = (rows: AcronisReportRow[], tenantId: string, name: string, day: string, infraId?: string) =>
  rows.find(
    (r) =>
      r.tenantId === tenantId &&
      r.name === name &&
      r.to === day &&
      (infraId === undefined || r.infraId === infraId),
  );

describe("usage reports from the simulator", () => {
  let csv: AcronisUsageReport;
  let json: AcronisUsageReport;
  beforeAll(async () => {
    const input = { parentId: ids.partner, kind: "usage_daily", level: "all_customers", ...FEB } as const;
    csv = await client.fetchUsageReport({ ...input, format: "csv_v2_0" }, wait);
    json = await client.fetchUsageReport({ ...input, format: "json_v2_0" }, wait);
  });

  it("produces csv_v2_0 and json_v2_0 files that parse to the same rows", () => {
    expect(csv.rows.length).toBeGreaterThan(28 * 5);
    expect(json.rows).toEqual(csv.rows);
    expect(json).toMatchObject({ kind: "usage_daily", from: FEB.from, to: FEB.to });
    expect(csv.rows.every((r) => r.from === r.to && r.from >= FEB.from && r.to <= FEB.to)).toBe(true);
  });

  it("lists the customer in a folder and the one under a sub-partner, with their parents' sums", () => {
    const day = "2025-02-14";
    const contoso = find(csv.rows, ids.inFolder, "pw_base_workstations", day);
    const ws = generated(ids.inFolder, "pw_base_workstations", "workstations", day);
    expect(contoso).toMatchObject({
      tenantKind: "customer",
      tenantName: "Contoso Ltd",
      parentTenantId: ids.folder,
      usageName: "workstations",
      measurementUnit: "quantity",
      effective: { production: ws, trial: 0, total: ws },
    });
    expect(find(csv.rows, ids.folder, "pw_base_workstations", day)).toMatchObject({
      tenantKind: "folder",
      effective: { production: ws, trial: 0, total: ws },
    });
    const servers = generated(ids.underSub, "pw_base_servers", "servers", day);
    expect(find(csv.rows, ids.underSub, "pw_base_servers", day)).toMatchObject({
      parentTenantId: ids.subPartner,
      effective: { production: servers, total: servers },
    });
    expect(find(csv.rows, ids.subPartner, "pw_base_servers", day)).toMatchObject({
      tenantKind: "partner",
      effective: { production: servers, total: servers },
    });
  });

  it("puts a trial customer's usage in the trial columns, never in production", () => {
    const trial = csv.rows.filter((r) => r.tenantId === ids.trial);
    expect(trial.length).toBe(28 * 2);
    for (const r of trial) {
      for (const m of [r.absolute, r.effective]) {
        expect(m.production).toBe(0);
        expect(m.trial).toBe(m.total);
      }
      expect(r.effective.total).toBeGreaterThan(0);
    }
  });

  it("reports storage per infrastructure, with its owner and backend", () => {
    const acronis = find(csv.rows, ids.inFolder, "pw_base_storage", "2025-02-12", ACRONIS_INFRA_ID);
    const azure = find(csv.rows, ids.inFolder, "pw_base_storage", "2025-02-12", AZURE_INFRA_ID);
    expect(acronis).toMatchObject({
      infraBackendType: "acronis",
      measurementUnit: "bytes",
      effective: { production: generated(ids.inFolder, "pw_base_storage", "storage", "2025-02-12") },
    });
    expect(azure).toMatchObject({ infraBackendType: "azure", effective: { production: 5 * GIB } });
    expect(azure?.infraOwnerId).toBeTruthy();
  });

  it("leaves out all-zero rows only when asked to (hide_zero_usage)", async () => {
    // Contoso may use servers (its folder has them) but has none.
    expect(csv.rows.some((r) => r.tenantId === ids.inFolder && r.name === "pw_base_servers")).toBe(false);
    const day = { from: "2025-02-05", to: "2025-02-05" };
    const all = await client.fetchUsageReport(
      {
        parentId: ids.folder,
        kind: "usage_daily",
        level: "all_customers",
        format: "csv_v2_0",
        hideZeroUsage: false,
        ...day,
      },
      wait,
    );
    expect(find(all.rows, ids.inFolder, "pw_base_servers", day.to)).toMatchObject({
      absolute: { production: 0, trial: 0, total: 0 },
      effective: { production: 0, trial: 0, total: 0 },
    });
  });

  it("gives cumulative compute points as the month's running total, and each day's seconds as delta", () => {
    const points = csv.rows
      .filter((r) => r.tenantId === ids.underSub && r.usageName === "compute_points")
      .sort((a, b) => a.from.localeCompare(b.from));
    expect(points).toHaveLength(28);
    let before = generated(ids.underSub, "pw_base_adv_dr_compute_points", "compute_points", "2025-01-31");
    for (const r of points) {
      expect(r.effective.production).toBe(
        generated(ids.underSub, "pw_base_adv_dr_compute_points", "compute_points", r.from),
      );
      expect(r.absolute.total).toBeGreaterThanOrEqual(r.effective.total);
      const lifetimeBefore = r.absolute.total - r.delta.total;
      expect(lifetimeBefore).toBeGreaterThanOrEqual(before);
      before = r.absolute.total;
    }
    expect(points[0]!.delta.total).toBe(points[0]!.effective.total);
  });

  it("sums a month up as its end-of-period values and the change since the end of its first day", async () => {
    const summary = await client.fetchUsageReport(
      { parentId: ids.partner, kind: "usage_summary", level: "all_customers", format: "csv_v2_0", ...FEB },
      wait,
    );
    expect(summary.rows.length).toBeGreaterThan(5);
    for (const s of summary.rows) {
      expect([s.from, s.to]).toEqual([FEB.from, FEB.to]);
      const last = find(csv.rows, s.tenantId, s.name, FEB.to, s.infraId ?? undefined);
      const first = find(csv.rows, s.tenantId, s.name, FEB.from, s.infraId ?? undefined);
      expect(s.absolute).toEqual(last!.absolute);
      expect(s.effective).toEqual(last!.effective);
      expect(s.delta.total).toBe(last!.absolute.total - (first?.absolute.total ?? 0));
    }
    // For a cumulative counter that is the month's last value, Tierline's `last` aggregation.
    const points = summary.rows.find((r) => r.tenantId === ids.underSub && r.usageName === "compute_points");
    expect(points?.effective.production).toBe(
      generated(ids.underSub, "pw_base_adv_dr_compute_points", "compute_points", FEB.to),
    );
  });
});

describe("levels, kinds and the daily reading month close uses", () => {
  it("lists the tenant itself, its children, or only its partners and folders", async () => {
    const tenantsAt = async (level: "itself" | "direct_partners" | "all_partners") => {
      const r = await client.fetchUsageReport(
        { parentId: ids.partner, kind: "usage_summary", level, format: "json_v2_0", ...FEB },
        wait,
      );
      return new Set(r.rows.map((row) => row.tenantId));
    };
    expect(await tenantsAt("itself")).toEqual(new Set([ids.partner]));
    expect(await tenantsAt("direct_partners")).toEqual(new Set([ids.folder, ids.subPartner, ids.trial]));
    expect(await tenantsAt("all_partners")).toEqual(new Set([ids.folder, ids.subPartner]));
  });

  it("splits a partner's own row into its customers' production and trial usage", async () => {
    const r = await client.fetchUsageReport(
      {
        parentId: ids.partner,
        kind: "usage_daily",
        level: "itself",
        format: "csv_v2_0",
        from: "2025-02-20",
        to: "2025-02-20",
      },
      wait,
    );
    const ws = find(r.rows, ids.partner, "pw_base_workstations", "2025-02-20");
    expect(ws?.effective).toEqual({
      production: generated(ids.inFolder, "pw_base_workstations", "workstations", "2025-02-20"),
      trial: generated(ids.trial, "pw_base_workstations", "workstations", "2025-02-20"),
      total:
        generated(ids.inFolder, "pw_base_workstations", "workstations", "2025-02-20") +
        generated(ids.trial, "pw_base_workstations", "workstations", "2025-02-20"),
    });
  });

  it("answers usage_current as kind 8 in json_v2_0, over the billing month up to yesterday", async () => {
    const input = { parentId: ids.partner, kind: "usage_current", level: "all_customers" } as const;
    const report = await client.createUsageReport({ ...input, format: "json_v2_0" });
    const stored = await client.waitForReport(report.id, wait, "json_v2_0");
    const token = await fetch(`${sim.url}/api/2/idp/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${sim.clientId}:${sim.clientSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    }).then(async (res) => ((await res.json()) as { access_token: string }).access_token);
    const raw = await fetch(`${sim.url}/api/2/reports/${report.id}/stored/${stored.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const doc = JSON.parse(gunzipSync(Buffer.from(await raw.arrayBuffer())).toString("utf8"));
    expect(doc.params).toMatchObject({
      kind: 8,
      report_type: 8,
      report_level: 2,
      name: "Northwind Partners",
    });

    const current = await client.fetchUsageReport({ ...input, format: "json_v2_0" }, wait);
    expect(current).toMatchObject({ kind: "usage_current", from: "2025-03-01", to: "2025-03-14" });
    const ws = find(current.rows, ids.inFolder, "pw_base_workstations", "2025-03-14");
    expect(ws).toMatchObject({ from: "2025-03-01" });
    const csv = await client.fetchUsageReport({ ...input, format: "csv_v2_0" }, wait);
    expect(csv.rows).toEqual(current.rows);
  });

  it("values the daily reading at production usage: a trial customer's days read 0", async () => {
    const rows = await client.fetchDailyUsageReport({ parentId: ids.partner, ...FEB }, wait);
    const trialDays = rows.filter((r) => r.tenantId === ids.trial);
    expect(trialDays.length).toBe(28 * 2);
    expect(trialDays.every((r) => r.value === 0)).toBe(true);
    const contoso = rows.find(
      (r) => r.tenantId === ids.inFolder && r.name === "pw_base_workstations" && r.date === "2025-02-03",
    );
    expect(contoso?.value).toBe(
      generated(ids.inFolder, "pw_base_workstations", "workstations", "2025-02-03"),
    );
  });
});
