import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { systemActor } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/guard";
import { todayUtc } from "@/lib/clock";
import { issueBillingRun, startBillingRun } from "@/lib/invoices";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { exportVersionList, listVersionPage, versionListSpec } from "./version-list";
import { createVersion, listVersions } from "./versions";

// Issue 16: /admin/prices lists the price versions through lib/lists: paged both ways, filtered by the state
// the page derives (in force, scheduled, past), searched by note, exported.
const db = () => globalThis.testDb.db;
const TODAY = "2026-11-24";

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

async function pages(query: SearchParams) {
  const forward: string[][] = [];
  let after: string | null = null;
  let last: Awaited<ReturnType<typeof listVersionPage>> | null = null;
  do {
    last = await listVersionPage(
      db(),
      parseListParams(versionListSpec, { ...query, size: "10", ...(after ? { after } : {}) }),
      TODAY,
    );
    forward.push(last.rows.map((r) => r.id));
    after = last.nextCursor;
  } while (after);
  const backward: string[][] = [forward.at(-1)!];
  let before = last.prevCursor;
  while (before) {
    const page = await listVersionPage(
      db(),
      parseListParams(versionListSpec, { ...query, size: "10", before }),
      TODAY,
    );
    backward.unshift(page.rows.map((r) => r.id));
    before = page.prevCursor;
  }
  return { forward, backward, count: last.count };
}

async function rows(query: SearchParams) {
  return (await listVersionPage(db(), parseListParams(versionListSpec, { ...query, size: "100" }), TODAY))
    .rows;
}

describe("/admin/prices versions list", () => {
  it("pages forward and back, every version once, the latest start first unless sorted otherwise", async () => {
    const all = await listVersions(db(), TODAY);
    expect(all).toHaveLength(16);
    for (const dir of ["desc", "asc"]) {
      const { forward, backward, count } = await pages({ dir });
      expect(forward.map((p) => p.length)).toEqual([10, 6]);
      expect(backward).toEqual(forward);
      expect(count).toEqual({ value: 16, exact: true });
      const ids = all.map((v) => v.id);
      expect(forward.flat()).toEqual(dir === "desc" ? ids : [...ids].reverse());
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
  async function readAll(body: ReadableStream<Uint8Array> | Response): Promise<string> {
    const bytes = await (body instanceof Response ? body : new Response(body)).arrayBuffer();
    return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  }

  it("has exactly the filtered versions in the list's order", async () => {
    for (const query of [{}, { state: "past", dir: "asc" }] as SearchParams[]) {
      const params = parseListParams(versionListSpec, query);
      const text = await readAll(exportVersionList(db(), params, TODAY, { batchSize: 4 }));
      const records = parse(text, { bom: true, columns: true }) as Record<string, string>[];
      const listed = await rows(query);
      expect(records.map((r) => r.effective_from)).toEqual(listed.map((r) => r.effectiveFrom));
    }
  });

  it("writes each version's start, state, note and lock; back-office readers only", async () => {
    const [finance] = await db().select().from(s.users).where(eq(s.users.email, "finance@skyline.example"));
    auth.caller = { ...finance!, sessionId: "s" };
    const response = await route.GET(new Request("http://localhost/admin/prices/export?state=past"), {});
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /filename="price-versions-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const text = await readAll(response);
    expect(text.slice(1).split("\r\n")[0]).toBe(
      "effective_from,state,note,locked_by_period,created_at,updated_at",
    );
    const records = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    // The route reads the real clock: its "past" is as of today.
    const past = (await listVersions(db(), todayUtc())).filter((v) => v.state === "past");
    expect(records.map((r) => r.effective_from)).toEqual(past.map((v) => v.effectiveFrom));
    expect(records.find((r) => r.effective_from === "2026-10-01")).toMatchObject({
      state: "past",
      note: "Monthly list 2026-10",
      locked_by_period: "2026-10",
    });
    const [owner] = await db().select().from(s.users).where(eq(s.users.email, "owner@northwind.example"));
    auth.caller = { ...owner!, sessionId: "s" };
    expect((await route.GET(new Request("http://localhost/admin/prices/export"), {})).status).toBe(403);
  });
});
