import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { CurrentUser } from "@/lib/auth/guard";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import {
  callerFor,
  csvHeader,
  csvRecords,
  csvRows,
  csvText,
  expectPages,
  idsBySql,
  listRows,
  sameCsvEveryBatchSize,
  TIED_INSTANTS,
  timestamptz,
  walkList,
} from "@/tests/lists";
import { apiKeyListSpec, exportApiKeyList, listApiKeyPage } from "./key-list";
import type { ApiKeyView, KeyOwner } from "./keys";
import { apiKeyStatus } from "./status";

// Issue 16 on /portal/api-keys and /admin/api-keys: keyset pages, filters, search, counts and the export.
const db = () => globalThis.testDb.db;
const MARK = `Key${randomUUID().slice(0, 6)}`;
const now = new Date("2026-11-24T12:00:00Z");

// The export routes read the signed-in user: pinned here, the rest is real.
const auth = vi.hoisted(() => ({ caller: null as CurrentUser | null }));
vi.mock("@/lib/auth/guard", async () => (await import("@/tests/lists")).pinnedGuard(auth));

const portalRoute = await import("@/app/(portal)/portal/api-keys/export/route");
const adminRoute = await import("@/app/(admin)/admin/api-keys/export/route");

// Ties on both sorts: three creation instants (two a microsecond apart), two uses and "never used".
const used = ["2026-11-01 10:00:00.5+00", null, "2026-11-02 10:00:00+00", null];
const scopeSets = [["read"], ["write"], ["read", "write"]];

let northwind: KeyOwner;
let thames: KeyOwner;
const distributor: KeyOwner = { resellerId: null };
let creatorId: string;

async function resellerId(name: string): Promise<string> {
  const [row] = await db().select({ id: s.resellers.id }).from(s.resellers).where(eq(s.resellers.name, name));
  if (!row) throw new Error(`no reseller ${name}`);
  return row.id;
}

/** Key i: revoked at i ≡ 0 (mod 5), else expired at i ≡ 1 (mod 4), else live (some with a future expiry). */
function key(owner: KeyOwner, label: string, i: number) {
  const revoked = i % 5 === 0;
  const expired = !revoked && i % 4 === 1;
  const code = `${label}${String(i).padStart(2, "0")}${MARK.slice(3)}`;
  return {
    resellerId: owner.resellerId,
    name: `${MARK} ${["ERP", "PSA", "Accounting"][i % 3]}`,
    prefix: `tl_${code}`,
    keyHash: `hash-${code}-${randomUUID()}`,
    scopes: scopeSets[i % 3]!,
    createdBy: i % 2 ? creatorId : null,
    createdAt: timestamptz(TIED_INSTANTS[i % 3]!),
    lastUsedAt: used[i % 4] ? timestamptz(used[i % 4]!) : null,
    expiresAt: expired
      ? new Date("2026-11-01T00:00:00Z")
      : i % 3 === 2
        ? new Date("2027-06-01T00:00:00Z")
        : null,
    revokedAt: revoked ? new Date("2026-10-01T00:00:00Z") : null,
  };
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  northwind = { resellerId: await resellerId("Northwind IT Services") };
  thames = { resellerId: await resellerId("Thames Managed Services") };
  const [owner] = await db()
    .select({ id: s.users.id })
    .from(s.users)
    .where(eq(s.users.email, "owner@northwind.example"));
  creatorId = owner!.id;
  await db()
    .insert(s.apiKeys)
    .values([
      ...Array.from({ length: 23 }, (_, i) => key(northwind, "n", i)),
      ...Array.from({ length: 4 }, (_, i) => key(thames, "t", i)),
      ...Array.from({ length: 3 }, (_, i) => key(distributor, "d", i)),
    ]);
});

const params = (query: SearchParams) => parseListParams(apiKeyListSpec, query);

/** Every page of an owner's keys both ways. */
const walk = (owner: KeyOwner, query: SearchParams) =>
  walkList((cursor) => listApiKeyPage(db(), owner, params({ ...query, ...cursor }), now));

/** Every key of a filtered list, page by page (10 a page). */
const allRows = (owner: KeyOwner, query: SearchParams): Promise<ApiKeyView[]> =>
  listRows((cursor) => listApiKeyPage(db(), owner, params({ ...query, size: "10", ...cursor }), now));

describe(`API keys list on ${process.env.TEST_ENGINE}`, () => {
  const sorts = { created: "created_at", last_used: "coalesce(last_used_at, 'epoch'::timestamptz)" } as const;
  for (const [sort, expr] of Object.entries(sorts)) {
    for (const dir of ["asc", "desc"] as const) {
      it(`pages cover every key once, forward and back, by ${sort} ${dir} (ties included)`, async () => {
        const expected = await idsBySql(
          `select id::text as id from api_keys where reseller_id = '${northwind.resellerId}' and name like '${MARK}%' order by ${expr} ${dir}, id ${dir}`,
        );
        expect(expected).toHaveLength(23);
        expectPages(await walk(northwind, { q: MARK, sort, dir, size: "10" }), expected, [10, 10, 3]);
      });
    }
  }

  it("filters by status as the table shows it (active, expired, revoked) and by scope, and counts them", async () => {
    // Revoked: 0, 5, 10, 15, 20; expired: 1, 9, 13, 17, 21; active: the other 13.
    for (const [status, n] of [
      ["revoked", 5],
      ["expired", 5],
      ["active", 13],
    ] as const) {
      const page = await listApiKeyPage(db(), northwind, params({ q: MARK, status, size: "100" }), now);
      expect(page.count, status).toEqual({ value: n, exact: true });
      expect(page.rows.map((k) => apiKeyStatus(k, now))).toEqual(Array(n).fill(status));
    }
    const writers = await allRows(northwind, { q: MARK, scope: "write" });
    // write alone at i ≡ 1, read and write at i ≡ 2 (mod 3): 15 of 23.
    expect(writers).toHaveLength(15);
    for (const k of writers) expect(k.scopes).toContain("write");
    const liveReaders = await allRows(northwind, { q: MARK, scope: "read", status: "active" });
    for (const k of liveReaders) {
      expect(k.scopes).toContain("read");
      expect(apiKeyStatus(k, now)).toBe("active");
    }
  });

  it("finds a key by part of its name or of its visible prefix, any case", async () => {
    const byPrefix = await listApiKeyPage(
      db(),
      northwind,
      params({ q: `TL_N07${MARK.slice(3).toUpperCase()}` }),
      now,
    );
    expect(byPrefix.rows.map((k) => k.prefix)).toEqual([`tl_n07${MARK.slice(3)}`]);
    const byName = await allRows(northwind, { q: `${MARK.toLowerCase()} accounting` });
    // i ≡ 2 (mod 3): 2, 5, … 20.
    expect(byName).toHaveLength(7);
    expect(new Set(byName.map((k) => k.name))).toEqual(new Set([`${MARK} Accounting`]));
    expect(byName.filter((k) => k.createdByName === "Nora Owner").length).toBeGreaterThan(0);
    const bad = params({ status: "live-ish", scope: "admin" });
    expect(Object.keys(bad.errors).sort()).toEqual(["scope", "status"]);
  });

  it("shows an owner its own keys only: never another reseller's, never the distributor's", async () => {
    const mine = new Set((await allRows(northwind, {})).map((k) => k.id));
    const theirs = await allRows(thames, { q: MARK });
    expect(theirs).toHaveLength(4);
    for (const k of theirs) expect(mine.has(k.id)).toBe(false);
    const channel = await allRows(distributor, { q: MARK });
    expect(channel.map((k) => k.prefix).sort()).toEqual(
      [0, 1, 2].map((i) => `tl_d0${i}${MARK.slice(3)}`).sort(),
    );
    for (const k of channel) expect(mine.has(k.id)).toBe(false);
  });
});

describe(`API keys export on ${process.env.TEST_ENGINE}`, () => {
  it("has exactly the filtered keys of every page, in order, whatever the batch size", async () => {
    for (const query of [
      { q: MARK },
      { status: "active" },
      { scope: "read", sort: "last_used", dir: "asc" },
    ]) {
      const listed = await allRows(northwind, query);
      expect(listed.length).toBeGreaterThan(2);
      const p = params({ ...query, size: "10", after: "bm90LWEtY3Vyc29y" });
      const text = await sameCsvEveryBatchSize((o) => exportApiKeyList(db(), northwind, p, now, o), 2);
      expect(csvRecords(text).map((r) => r.prefix)).toEqual(listed.map((k) => k.prefix));
    }
  });

  it("writes what recognises a key, never its hash", async () => {
    const text = await csvText(
      exportApiKeyList(db(), northwind, params({ q: `tl_n05${MARK.slice(3)}` }), now),
    );
    expect(csvHeader(text)).toBe("name,prefix,scopes,status,created_by,created,last_used,expires,revoked");
    expect(csvRecords(text)).toEqual([
      {
        name: `${MARK} Accounting`,
        prefix: `tl_n05${MARK.slice(3)}`,
        scopes: "read write",
        status: "revoked",
        created_by: "Nora Owner",
        created: "2026-04-02T08:00:00.000Z",
        last_used: "",
        expires: "2027-06-01T00:00:00.000Z",
        revoked: "2026-10-01T00:00:00.000Z",
      },
    ]);
    const all = await csvText(exportApiKeyList(db(), northwind, params({}), now));
    const hashes = await db()
      .select({ hash: s.apiKeys.keyHash })
      .from(s.apiKeys)
      .where(eq(s.apiKeys.resellerId, northwind.resellerId!));
    for (const { hash } of hashes) expect(all).not.toContain(hash);
  });

  const get = (path: string) => new Request(`http://localhost${path}`);

  it("gives a reseller's owner its own keys only, and refuses other roles", async () => {
    auth.caller = await callerFor("owner@northwind.example");
    const response = await portalRoute.GET(
      get(`/portal/api-keys/export?q=${MARK}&resellerId=${thames.resellerId}`),
      {},
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/filename="api-keys-\d{4}-\d{2}-\d{2}\.csv"/);
    const prefixes = (await csvRows(response)).map((r) => r.prefix ?? "");
    expect(prefixes).toHaveLength(23);
    expect(prefixes.every((p) => p.startsWith("tl_n"))).toBe(true);
    expect((await adminRoute.GET(get("/admin/api-keys/export"), {})).status).toBe(403);
    auth.caller = await callerFor("viewer@northwind.example");
    expect((await portalRoute.GET(get("/portal/api-keys/export"), {})).status).toBe(403);
    auth.caller = null;
    expect((await portalRoute.GET(get("/portal/api-keys/export"), {})).status).toBe(401);
  });

  it("gives the distributor's administrators the channel's own keys; other staff are refused", async () => {
    auth.caller = await callerFor("admin@skyline.example");
    const response = await adminRoute.GET(get(`/admin/api-keys/export?q=${MARK}`), {});
    expect(response.status).toBe(200);
    expect((await csvRows(response)).map((r) => r.prefix).sort()).toEqual(
      [0, 1, 2].map((i) => `tl_d0${i}${MARK.slice(3)}`).sort(),
    );
    auth.caller = await callerFor("finance@skyline.example");
    expect((await adminRoute.GET(get("/admin/api-keys/export"), {})).status).toBe(403);
  });
});
