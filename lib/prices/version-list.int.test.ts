import { beforeAll, describe, expect, it, vi } from "vitest";
import { seedDatabase } from "@/db/seed";
import { systemActor } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/guard";
import { todayUtc } from "@/lib/clock";
import { issueBillingRun, startBillingRun } from "@/lib/invoices";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { callerFor, csvHeader, csvRecords, csvRows, csvText, expectPages, walkList } from "@/tests/lists";
import { exportVersionList, listVersionPage, versionListSpec } from "./version-list";
import { createVersion, listVersions } from "./versions";

// Issue 16: /admin/prices lists the price versions through lib/lists: paged both ways, filtered by the state
// the page derives (in force, scheduled, past), searched by note, exported.
const db = () => globalThis.testDb.db;
const TODAY = "2026-11-24";

const auth = vi.hoisted(() => ({ caller: null as CurrentUser | null }));
vi.mock("@/lib/auth/guard", async () => (await import("@/tests/lists")).pinnedGuard(auth));
const route = await import("@/app/(admin)/admin/prices/export/route");

function month(offset: number): string {
  const d = new Date(Date.UTC(2026, 10 + offset, 1));
  return d.toISOString().slice(0, 7);
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`) });
  // The seed's first version (2000-01), then one a month from 2025-11 to 2027-01: 16 in all.
  for (let offset = -12; offset <= 2; offset++) {
    const note = offset === -3 ? "Spring 100%_off sale" : `Monthly list ${month(offset)}`;
    await createVersion(db(), { month: month(offset), note }, systemActor);
  }
  // Issuing October locks the version that priced it.
  const run = await startBillingRun(db(), { period: "2026-10", actor: systemActor, today: TODAY });
  await issueBillingRun(db(), { runId: run.id, actor: systemActor, today: TODAY });
});

/** Every page of the versions both ways (10 a page). */
const pages = (query: SearchParams) =>
  walkList((cursor) =>
    listVersionPage(db(), parseListParams(versionListSpec, { ...query, size: "10", ...cursor }), TODAY),
  );

async function rows(query: SearchParams) {
  return (await listVersionPage(db(), parseListParams(versionListSpec, { ...query, size: "100" }), TODAY))
    .rows;
}

describe("/admin/prices versions list", () => {
  it("pages forward and back, every version once, the latest start first unless sorted otherwise", async () => {
    const all = await listVersions(db(), TODAY);
    expect(all).toHaveLength(16);
    for (const dir of ["desc", "asc"]) {
      const ids = all.map((v) => v.id);
      expectPages(await pages({ dir }), dir === "desc" ? ids : [...ids].reverse(), [10, 6]);
    }
  });

  it("derives each version's state and lock as the version page does", async () => {
    const expected = await listVersions(db(), TODAY);
    const listed = await rows({});
    expect(listed.map((r) => ({ id: r.id, state: r.state, lockedPeriod: r.lockedPeriod }))).toEqual(
      expected.map((v) => ({ id: v.id, state: v.state, lockedPeriod: v.lockedPeriod })),
    );
    expect(listed.find((r) => r.effectiveFrom === "2026-10-01")?.lockedPeriod).toBe("2026-10");
    expect(listed.find((r) => r.effectiveFrom === "2026-11-01")?.state).toBe("in force");
  });

  it("filters by state", async () => {
    expect((await rows({ state: "in-force" })).map((r) => r.effectiveFrom)).toEqual(["2026-11-01"]);
    expect((await rows({ state: "scheduled" })).map((r) => r.effectiveFrom)).toEqual([
      "2027-01-01",
      "2026-12-01",
    ]);
    const past = await rows({ state: "past" });
    expect(past).toHaveLength(13);
    expect(past.at(-1)?.effectiveFrom).toBe("2000-01-01");
    expect(new Set(past.map((r) => r.state))).toEqual(new Set(["past"]));
    const bad = parseListParams(versionListSpec, { state: "retired" });
    expect(bad.errors.state).toEqual(["Pick a state from the list."]);
  });

  it("searches the notes, % and _ as themselves", async () => {
    expect((await rows({ q: "100%_OFF" })).map((r) => r.effectiveFrom)).toEqual(["2026-08-01"]);
    expect(await rows({ q: "100%%" })).toHaveLength(0);
    expect(await rows({ q: "monthly list 2026-1" })).toHaveLength(3);
  });
});

describe("price versions CSV", () => {
  it("has exactly the filtered versions in the list's order", async () => {
    for (const query of [{}, { state: "past", dir: "asc" }] as SearchParams[]) {
      const params = parseListParams(versionListSpec, query);
      const records = await csvRows(exportVersionList(db(), params, TODAY, { batchSize: 4 }));
      const listed = await rows(query);
      expect(records.map((r) => r.effective_from)).toEqual(listed.map((r) => r.effectiveFrom));
    }
  });

  it("writes each version's start, state, note and lock; back-office readers only", async () => {
    auth.caller = await callerFor("finance@skyline.example");
    const response = await route.GET(new Request("http://localhost/admin/prices/export?state=past"), {});
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /filename="price-versions-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const text = await csvText(response);
    expect(csvHeader(text)).toBe("effective_from,state,note,locked_by_period,created_at,updated_at");
    const records = csvRecords(text);
    // The route reads the real clock: its "past" is as of today.
    const past = (await listVersions(db(), todayUtc())).filter((v) => v.state === "past");
    expect(records.map((r) => r.effective_from)).toEqual(past.map((v) => v.effectiveFrom));
    expect(records.find((r) => r.effective_from === "2026-10-01")).toMatchObject({
      state: "past",
      note: "Monthly list 2026-10",
      locked_by_period: "2026-10",
    });
    auth.caller = await callerFor("owner@northwind.example");
    expect((await route.GET(new Request("http://localhost/admin/prices/export"), {})).status).toBe(403);
  });
});
