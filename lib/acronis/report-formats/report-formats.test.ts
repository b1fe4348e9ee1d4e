import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { AcronisError } from "../errors";
import type { AcronisReportRow } from "../types";
import { CSV_V2_REQUIRED_COLUMNS, parseUsageReport } from "./index";

const fixture = (name: string) => readFileSync(path.join(__dirname, "fixtures", name));
const daily = { kind: "usage_daily" } as const;
const summary = { kind: "usage_summary", from: "2025-02-26", to: "2025-02-28" } as const;

const GIB = 2 ** 30;
const PARTNER = "b1000000-0000-4000-8000-000000000001";
const FOLDER = "b1000000-0000-4000-8000-000000000002";
const CONTOSO = "b1000000-0000-4000-8000-000000000003";
const SUB_PARTNER = "b1000000-0000-4000-8000-000000000004";
const TAILSPIN = "b1000000-0000-4000-8000-000000000005";
const TRIAL_CO = "b1000000-0000-4000-8000-000000000006";
const AZURE = "c1000000-0000-4000-8000-00000000000b";
const PARTNER_STORAGE = "c1000000-0000-4000-8000-00000000000c";

const key = (r: AcronisReportRow) => `${r.tenantId}|${r.name}|${r.infraId ?? ""}`;
const prod = (n: number) => ({ production: n, trial: 0, total: n });

function caught(fn: () => unknown): AcronisError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AcronisError);
    return error as AcronisError;
  }
  return expect.fail("expected an AcronisError");
}

describe("csv_v2_0 and json_v2_0 fixtures", () => {
  const csvDaily = parseUsageReport(fixture("usage_daily.csv_v2_0.csv"), "csv_v2_0", daily);
  const csvSummary = parseUsageReport(fixture("usage_summary.csv_v2_0.csv"), "csv_v2_0", summary);

  it("reads every line of the daily csv_v2_0 report, one day per row", () => {
    expect(csvDaily.rows).toHaveLength(42);
    expect(new Set(csvDaily.rows.map((r) => r.from))).toEqual(
      new Set(["2025-02-26", "2025-02-27", "2025-02-28"]),
    );
    expect(csvDaily.rows.every((r) => r.from === r.to)).toBe(true);
    const azure = csvDaily.rows.find(
      (r) => r.tenantId === CONTOSO && r.infraId === AZURE && r.from === "2025-02-28",
    );
    expect(azure).toEqual({
      tenantId: CONTOSO,
      tenantName: "Contoso Ltd",
      tenantKind: "customer",
      parentTenantId: FOLDER,
      applicationId: "6e6d758d-8e74-3ae3-ac84-50eb0dff12eb",
      from: "2025-02-28",
      to: "2025-02-28",
      name: "pw_base_storage",
      edition: "pck_per_workload",
      usageName: "storage",
      type: "infra",
      measurementUnit: "bytes",
      infraId: AZURE,
      infraOwnerId: "a0000000-0000-4000-8000-000000000000",
      infraBackendType: "azure",
      sku: null,
      absolute: prod(52 * GIB),
      delta: prod(2 * GIB),
      effective: prod(52 * GIB),
    } satisfies AcronisReportRow);
  });

  it("reports a trial customer's usage in the trial columns, never as production", () => {
    const trial = csvDaily.rows.filter((r) => r.tenantId === TRIAL_CO);
    expect(trial).toHaveLength(6);
    for (const r of trial) {
      for (const m of [r.absolute, r.delta, r.effective])
        expect(m).toEqual({ production: 0, trial: m.total, total: m.total });
    }
    expect(
      trial.find((r) => r.name === "pw_base_workstations" && r.from === "2025-02-28")?.effective.trial,
    ).toBe(6);
  });

  it("gives a customer in a folder and one under a sub-partner, with their parents' sums", () => {
    const on28 = csvDaily.rows.filter((r) => r.from === "2025-02-28");
    const parents = new Map(on28.map((r) => [r.tenantId, r.parentTenantId]));
    expect(parents.get(CONTOSO)).toBe(FOLDER);
    expect(parents.get(FOLDER)).toBe(PARTNER);
    expect(parents.get(TAILSPIN)).toBe(SUB_PARTNER);
    expect(on28.find((r) => r.tenantId === SUB_PARTNER)?.tenantKind).toBe("partner");
    for (const [parent, child] of [
      [FOLDER, CONTOSO],
      [SUB_PARTNER, TAILSPIN],
    ] as const) {
      const mine = on28.filter((r) => r.tenantId === child);
      const theirs = on28.filter((r) => r.tenantId === parent);
      expect(theirs.map((r) => ({ ...r.effective, name: r.name, infraId: r.infraId }))).toEqual(
        mine.map((r) => ({ ...r.effective, name: r.name, infraId: r.infraId })),
      );
    }
    const partnerStorage = on28.find((r) => r.tenantId === TAILSPIN && r.name === "pw_base_storage");
    expect(partnerStorage).toMatchObject({
      infraId: PARTNER_STORAGE,
      infraOwnerId: PARTNER,
      infraBackendType: null,
    });
  });

  it("parses the json_v2_0 twin of each report to the same rows", () => {
    const jsonDaily = parseUsageReport(fixture("usage_daily.json_v2_0.json"), "json_v2_0", daily);
    expect(jsonDaily).toMatchObject({ kind: "usage_daily", from: "2025-02-26", to: "2025-02-28" });
    expect(jsonDaily.rows).toEqual(csvDaily.rows);
    const jsonSummary = parseUsageReport(fixture("usage_summary.json_v2_0.json"), "json_v2_0", summary);
    expect(jsonSummary.rows).toEqual(csvSummary.rows);
  });

  it("sums up a period as its end value and the change since the end of its first day", () => {
    expect(csvSummary.rows).toHaveLength(14);
    const days = new Map(csvDaily.rows.map((r) => [`${key(r)}|${r.from}`, r]));
    for (const s of csvSummary.rows) {
      expect([s.from, s.to]).toEqual(["2025-02-26", "2025-02-28"]);
      const last = days.get(`${key(s)}|2025-02-28`)!;
      const d27 = days.get(`${key(s)}|2025-02-27`)!;
      expect(s.absolute).toEqual(last.absolute);
      expect(s.effective).toEqual(last.effective);
      expect(s.delta.total).toBe(d27.delta.total + last.delta.total);
    }
    const points = csvSummary.rows.find((r) => r.tenantId === TAILSPIN && r.usageName === "compute_points");
    expect(points).toMatchObject({
      measurementUnit: "seconds",
      absolute: prod(136_800),
      delta: prod(7_200),
      effective: prod(46_800),
    });
  });

  it("reads gzip-compressed files as Acronis stores them", () => {
    const gz = gzipSync(fixture("usage_daily.csv_v2_0.csv"));
    expect(parseUsageReport(gz, "csv_v2_0", daily).rows).toEqual(csvDaily.rows);
  });
});

describe("the layout Acronis's own parser accepts", () => {
  it("finds columns by name, ignores unknown ones, and takes the asked period when rows carry none", () => {
    const header = ["extra.column", ...[...CSV_V2_REQUIRED_COLUMNS].reverse()];
    const cells: Record<string, string> = {
      "extra.column": "ignored",
      "application.id": "6e6d758d-8e74-3ae3-ac84-50eb0dff12eb",
      "infra.backend_type": "",
      "infra.id": "",
      "infra.owner_id": "",
      name: "pw_base_servers",
      "tenant.id": TAILSPIN,
      "tenant.kind": "customer",
    };
    const line = header.map(
      (h) => cells[h] ?? (h.includes(".production") || h.includes(".total") ? "4" : "0"),
    );
    const report = parseUsageReport(`${header.join(",")}\r\n${line.join(",")}\r\n`, "csv_v2_0", {
      kind: "usage_current",
      from: "2025-03-01",
      to: "2025-03-14",
    });
    expect(report.rows).toEqual([
      expect.objectContaining({
        tenantId: TAILSPIN,
        name: "pw_base_servers",
        edition: null,
        infraId: null,
        from: "2025-03-01",
        to: "2025-03-14",
        effective: prod(4),
      }),
    ]);
  });
});

describe("a report it cannot read is an error naming the place, never a lost row", () => {
  const csv = fixture("usage_daily.csv_v2_0.csv").toString("utf8");
  const [header, ...lines] = csv.trimEnd().split("\n") as [string, ...string[]];
  const columns = header.split(",");
  const withCell = (lineIndex: number, column: string, value: string) => {
    const copy = [...lines];
    const cells = copy[lineIndex]!.split(",");
    cells[columns.indexOf(column)] = value;
    copy[lineIndex] = cells.join(",");
    return [header, ...copy].join("\n");
  };

  it("rejects a header without a column Acronis requires", () => {
    const text = [columns.filter((c) => c !== "usage.effective.production").join(","), ...lines].join("\n");
    const error = caught(() => parseUsageReport(text, "csv_v2_0", daily));
    expect(error.message).toMatch(/line 1: the header lacks column\(s\) usage\.effective\.production/);
    expect(error.kind).toBe("validation");
  });

  it("names the line and field of a value that is not a number", () => {
    const error = caught(() =>
      parseUsageReport(withCell(1, "usage.effective.production", "12,5"), "csv_v2_0", daily),
    );
    expect(error.message).toMatch(/line 3/);
    expect(error.message).toMatch(/cells where the header has 24 columns/);
    const quoted = caught(() =>
      parseUsageReport(withCell(1, "usage.effective.production", "n/a"), "csv_v2_0", daily),
    );
    expect(quoted.message).toMatch(/line 3, field usage\.effective\.production: "n\/a" is not a number/);
  });

  it("rejects empty ids, unknown tenant kinds and daily rows without their day", () => {
    expect(caught(() => parseUsageReport(withCell(0, "tenant.id", ""), "csv_v2_0", daily)).message).toMatch(
      /line 2, field tenant\.id: empty/,
    );
    expect(
      caught(() => parseUsageReport(withCell(4, "tenant.kind", "reseller"), "csv_v2_0", daily)).message,
    ).toMatch(/line 6, field tenant\.kind: unknown kind "reseller"/);
    const noDays = [columns.slice(0, -2).join(","), ...lines.map((l) => l.split(",").slice(0, -2).join(","))];
    expect(
      caught(() =>
        parseUsageReport(noDays.join("\n"), "csv_v2_0", { ...daily, from: "2025-02-26", to: "2025-02-28" }),
      ).message,
    ).toMatch(/line 2, field range\.start: missing: each row of a daily report must say which day it is/);
    expect(
      caught(() => parseUsageReport(withCell(2, "range.end", "2025-02-27"), "csv_v2_0", daily)).message,
    ).toMatch(/line 4, field range\.end: a daily row spans 2025-02-26 to 2025-02-27/);
  });

  it("rejects empty files, repeated columns, broken quoting and broken gzip", () => {
    expect(caught(() => parseUsageReport("", "csv_v2_0", daily)).message).toMatch(/empty \(no header line\)/);
    expect(caught(() => parseUsageReport(`${header},name\n`, "csv_v2_0", daily)).message).toMatch(
      /line 1: column "name" appears twice/,
    );
    expect(caught(() => parseUsageReport(`${header}\n"open`, "csv_v2_0", daily)).message).toMatch(
      /not valid CSV/,
    );
    const gz = gzipSync(Buffer.from(csv)).subarray(0, 40);
    expect(caught(() => parseUsageReport(gz, "csv_v2_0", daily)).message).toMatch(/broken gzip/);
  });

  it("rejects a json_v2_0 row without the production/trial split, and a report of another kind", () => {
    const doc = JSON.parse(fixture("usage_daily.json_v2_0.json").toString("utf8"));
    const flat = {
      ...doc,
      tenants: doc.tenants.map(({ usage: _u, ...rest }: Record<string, unknown>) => rest),
    };
    expect(caught(() => parseUsageReport(JSON.stringify(flat), "json_v2_0", daily)).message).toMatch(
      /json_v2_0 usage report, tenants\[0\], field usage\.absolute\.production: missing/,
    );
    expect(caught(() => parseUsageReport(JSON.stringify(doc), "json_v2_0", summary)).message).toMatch(
      /params\.kind: the file is a usage_daily report, usage_summary was asked/,
    );
    const unknown = { ...doc, params: { ...doc.params, kind: 6 } };
    expect(caught(() => parseUsageReport(JSON.stringify(unknown), "json_v2_0", daily)).message).toMatch(
      /unknown report kind 6/,
    );
    expect(caught(() => parseUsageReport("{}", "json_v2_0", daily)).message).toMatch(/field params/);
  });
});
