import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { CurrentUser } from "@/lib/auth/guard";
import { encodeListCursor } from "@/lib/lists/cursor";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import {
  callerFor,
  csvRecords,
  csvRows,
  expectPages,
  idsBySql,
  sameCsvEveryBatchSize,
  timestamptz,
  walkList,
} from "@/tests/lists";
import { LATEST_SYNC_RUNS, listSyncRuns } from "./queries";
import { exportSyncRunList, listSyncRunPage, syncRunKindText, syncRunListSpec } from "./sync-run-list";

// /admin/acronis/syncs (issue 16): every run once across pages both ways (a bigserial id as the tie-breaker),
// its filters, the error search and the export.
const db = () => globalThis.testDb.db;
const MARK = `syn${randomUUID().slice(0, 6)}`;

const auth = vi.hoisted(() => ({ caller: null as CurrentUser | null }));
vi.mock("@/lib/auth/guard", async () => (await import("@/tests/lists")).pinnedGuard(auth));

const route = await import("@/app/(admin)/admin/acronis/syncs/export/route");

// Runs far in the future (the seed's are in 2026), with ties on the start instant.
const instants = ["2031-03-01 10:00:00.123456+00", "2031-03-01 10:00:00.123457+00", "2031-04-02 23:59:59+00"];
const kinds = ["scheduled", "manual", "month_close"] as const;
const statuses = ["succeeded", "failed", "running", "succeeded"] as const;
const IN_2031 = { from: "2031-01-01" };

type Fixture = {
  i: number;
  kind: string;
  status: string;
  day: string;
  period: string | null;
  errors: number;
};
const fixtures: Fixture[] = [];

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  const rows = Array.from({ length: 24 }, (_, i) => {
    const kind = kinds[i % 3]!;
    const status = statuses[i % 4]!;
    const instant = instants[(i >> 1) % 3]!;
    const period = kind === "month_close" ? (i % 2 ? "2031-02-01" : "2031-03-01") : null;
    const errors =
      status === "failed"
        ? [
            {
              tenantId: `${MARK}-tenant-${i}`,
              message: `Usage of storage ${MARK}-infra is not billed by any SKU`,
            },
            { message: `Datacenter ${i} answered 503` },
          ]
        : [];
    fixtures.push({ i, kind, status, day: instant.slice(0, 10), period, errors: errors.length });
    return {
      kind,
      status,
      period,
      startedAt: timestamptz(instant),
      finishedAt:
        status === "running" ? null : (sql`${instant}::timestamptz + interval '1 minute'` as unknown as Date),
      tenants: i,
      rows: 10 * i,
      errors,
    };
  });
  await db().insert(s.usageSyncRuns).values(rows);
});

async function page(query: SearchParams) {
  return listSyncRunPage(db(), parseListParams(syncRunListSpec, query));
}

/** Every page of the runs list both ways, the bigserial ids as text. */
const walk = (query: SearchParams) =>
  walkList(
    (cursor) => page({ ...query, ...cursor }),
    (r) => String(r.id),
  );

describe("keyset pages over (started, id) with a bigserial id", () => {
  for (const dir of ["asc", "desc"] as const) {
    it(`cover every run once, forward and back, ${dir} with ties`, async () => {
      const expected = await idsBySql(
        `select id::text as id from usage_sync_runs where started_at >= '2031-01-01' order by started_at ${dir}, usage_sync_runs.id ${dir}`,
      );
      expect(expected).toHaveLength(24);
      expectPages(await walk({ ...IN_2031, dir, size: "10" }), expected, [10, 10, 4]);
    });
  }

  it("starts at the first page for a cursor whose id is not a run's", async () => {
    const first = await page({ ...IN_2031, size: "10" });
    const foreign = encodeListCursor({ sort: "started", value: "2031-04-02 23:59:59+00", id: randomUUID() });
    const p = await page({ ...IN_2031, size: "10", after: foreign });
    expect(p.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(p.prevCursor).toBeNull();
  });
});

describe("filters and search", () => {
  it("filters by kind, status, month closed and start dates (UTC days, both ends included)", async () => {
    const cases: [SearchParams, (f: Fixture) => boolean][] = [
      [{ kind: "month_close" }, (f) => f.kind === "month_close"],
      [{ status: "failed" }, (f) => f.status === "failed"],
      [{ kind: "manual", status: "succeeded" }, (f) => f.kind === "manual" && f.status === "succeeded"],
      [{ period: "2031-02" }, (f) => f.period === "2031-02-01"],
      [{ from: "2031-04-02" }, (f) => f.day === "2031-04-02"],
      [{ to: "2031-03-01" }, (f) => f.day === "2031-03-01"],
      [{ from: "2031-03-02", to: "2031-04-01" }, () => false],
    ];
    for (const [query, match] of cases) {
      const expected = fixtures.filter(match).length;
      const p = await page({ ...IN_2031, size: "100", ...query });
      expect(p.count, JSON.stringify(query)).toEqual({ value: expected, exact: true });
      for (const r of p.rows) {
        if (query.kind) expect(r.kind).toBe(query.kind);
        if (query.status) expect(r.status).toBe(query.status);
      }
    }
  });

  it("searches the errors' tenants and messages, not their keys", async () => {
    const failed = fixtures.filter((f) => f.status === "failed").length;
    expect((await page({ q: `${MARK}-INFRA`, size: "100" })).count.value).toBe(failed);
    const one = await page({ q: `${MARK}-tenant-5` });
    expect(one.rows).toHaveLength(1);
    expect(one.rows[0]).toMatchObject({ tenants: 5, errorCount: 2, status: "failed" });
    expect(one.rows[0]!.firstError).toBe(`Usage of storage ${MARK}-infra is not billed by any SKU`);
    expect((await page({ ...IN_2031, q: "tenantId" })).count.value).toBe(0);
  });

  it("says what kind of run it was, with the month a month close closed", async () => {
    const p = await page({ ...IN_2031, kind: "month_close", period: "2031-03" });
    expect(new Set(p.rows.map(syncRunKindText))).toEqual(new Set(["month close 2031-03"]));
  });

  it("leaves out a bad filter and says why", async () => {
    const p = parseListParams(syncRunListSpec, { kind: "hourly", period: "2031-13" });
    expect(p.errors).toEqual({ kind: ["Pick a kind from the list."], period: ["A month as YYYY-MM."] });
  });
});

describe("the Acronis page's latest runs", () => {
  it(`are the newest ${LATEST_SYNC_RUNS}`, async () => {
    const latest = await listSyncRuns(db());
    expect(latest).toHaveLength(LATEST_SYNC_RUNS);
    const [max] = await db()
      .select({ id: sql<number>`max(${s.usageSyncRuns.id})::int` })
      .from(s.usageSyncRuns);
    expect(latest[0]!.id).toBe(max!.id);
  });
});

describe("export", () => {
  it("has exactly the filtered runs of every page, in the list's order, whatever the batch size", async () => {
    for (const query of [IN_2031, { ...IN_2031, dir: "asc" }, { ...IN_2031, kind: "scheduled" }]) {
      const { ids } = await walk({ ...query, size: "10" });
      const params = parseListParams(syncRunListSpec, query);
      const text = await sameCsvEveryBatchSize((o) => exportSyncRunList(db(), params, o), 3);
      expect(csvRecords(text).map((r) => r.run)).toEqual(ids);
    }
  });

  it("is a dated CSV download with every error of a run, refused to a reseller's user", async () => {
    const get = (path: string) => new Request(`http://localhost${path}`);
    auth.caller = await callerFor("support@skyline.example");
    const response = await route.GET(get(`/admin/acronis/syncs/export?q=${MARK}-tenant-5`), {});
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /filename="usage-sync-runs-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const rows = await csvRows(response);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "month_close",
      period: "2031-02",
      status: "failed",
      tenants: "5",
      rows: "50",
      error_count: "2",
      errors: `${MARK}-tenant-5: Usage of storage ${MARK}-infra is not billed by any SKU\nDatacenter 5 answered 503`,
    });
    expect(rows[0]!.started).toBe("2031-04-02T23:59:59.000Z");
    auth.caller = await callerFor("owner@northwind.example");
    expect((await route.GET(get("/admin/acronis/syncs/export"), {})).status).toBe(403);
  });
});
