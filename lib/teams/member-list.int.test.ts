import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
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
  resellerValues,
  sameCsvEveryBatchSize,
  timestamptz,
  walkList,
} from "@/tests/lists";
import { exportMemberList, listMemberPage, memberListSpec } from "./member-list";
import { type MemberView, statusOf } from "./members";
import type { TeamScope } from "./scope";

// Issue 16 on /portal/team and /admin/staff: keyset pages, filters, search, counts and the CSV export.
const db = () => globalThis.testDb.db;
const MARK = `Mbr${randomUUID().slice(0, 6)}`;
const mark = MARK.toLowerCase();

// The export routes read the signed-in user: pinned here, the rest is real.
const auth = vi.hoisted(() => ({ caller: null as CurrentUser | null }));
vi.mock("@/lib/auth/guard", async () => (await import("@/tests/lists")).pinnedGuard(auth));

const teamRoute = await import("@/app/(portal)/portal/team/export/route");
const staffRoute = await import("@/app/(admin)/admin/staff/export/route");

// Ties on every sort but the email: four names, two instants a microsecond apart and "never signed in".
const names = ["Alpha", "Bravo", "Charlie", "Delta"];
const signIns = ["2026-03-01 10:00:00.123456+00", "2026-03-01 10:00:00.123457+00", null];
const roles = ["owner", "billing", "viewer"] as const;

let teamA: TeamScope;
let teamB: TeamScope;
const staff: TeamScope = { resellerId: null };
const invitedIds: string[] = [];

async function insertReseller(label: string): Promise<string> {
  const [row] = await db()
    .insert(s.resellers)
    .values(resellerValues(MARK, label, { legalName: `${MARK} ${label} GmbH` }))
    .returning({ id: s.resellers.id });
  return row!.id;
}

/** Member i: a status by i (removed, invited, active), a role, a name and a sign-in with ties. */
function member(resellerId: string | null, prefix: string, i: number, rolesOf: readonly string[]) {
  const disabled = i % 5 === 0;
  const invited = !disabled && i % 4 === 1;
  return {
    resellerId,
    name: `${MARK} ${names[i % 4]}`,
    email: `${prefix}${String(i).padStart(2, "0")}@${mark}.example`,
    role: rolesOf[i % rolesOf.length] as (typeof s.userRole.enumValues)[number],
    passwordHash: invited ? null : "not-a-real-hash",
    disabledAt: disabled ? new Date("2026-05-01T00:00:00Z") : null,
    invitedAt: invited ? new Date("2026-11-20T09:00:00Z") : null,
    lastSignInAt: signIns[i % 3] ? timestamptz(signIns[i % 3]!) : null,
  };
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  teamA = { resellerId: await insertReseller("Alpha") };
  teamB = { resellerId: await insertReseller("Bravo") };
  const a = await db()
    .insert(s.users)
    .values(Array.from({ length: 23 }, (_, i) => member(teamA.resellerId, "a", i, roles)))
    .returning({ id: s.users.id, passwordHash: s.users.passwordHash, disabledAt: s.users.disabledAt });
  await db()
    .insert(s.users)
    .values(Array.from({ length: 4 }, (_, i) => member(teamB.resellerId, "b", i, roles)));
  await db()
    .insert(s.users)
    .values(Array.from({ length: 6 }, (_, i) => member(null, "s", i, ["admin", "finance", "support"])));
  // Team A's invitations: a live link each, and an older used one that does not count.
  for (const row of a.filter((r) => statusOf(r) === "invited")) {
    invitedIds.push(row.id);
    await db()
      .insert(s.userTokens)
      .values([
        {
          userId: row.id,
          purpose: "invitation",
          tokenHash: randomUUID(),
          expiresAt: new Date("2099-01-08T09:00:00Z"),
        },
        {
          userId: row.id,
          purpose: "invitation",
          tokenHash: randomUUID(),
          expiresAt: new Date("2099-12-31T00:00:00Z"),
          usedAt: new Date("2026-11-21T00:00:00Z"),
        },
      ]);
  }
});

const params = (query: SearchParams) => parseListParams(memberListSpec, query);

/** Every page of a team's list both ways. */
const walk = (scope: TeamScope, query: SearchParams) =>
  walkList((cursor) => listMemberPage(db(), scope, params({ ...query, ...cursor })));

/** Every member of a filtered list, page by page (10 a page). */
const allRows = (scope: TeamScope, query: SearchParams): Promise<MemberView[]> =>
  listRows((cursor) => listMemberPage(db(), scope, params({ ...query, size: "10", ...cursor })));

describe(`team members list on ${process.env.TEST_ENGINE}`, () => {
  const sorts = {
    name: "name",
    email: "email",
    last_sign_in: "coalesce(last_sign_in_at, 'epoch'::timestamptz)",
  } as const;
  for (const [sort, expr] of Object.entries(sorts)) {
    for (const dir of ["asc", "desc"] as const) {
      it(`pages cover every member once, forward and back, by ${sort} ${dir} (ties included)`, async () => {
        const expected = await idsBySql(
          `select id::text as id from users where reseller_id = '${teamA.resellerId}' order by ${expr} ${dir}, id ${dir}`,
        );
        expect(expected).toHaveLength(23);
        expectPages(await walk(teamA, { sort, dir, size: "10" }), expected, [10, 10, 3]);
      });
    }
  }

  it("filters by role and by status as the table shows them, and counts what matches", async () => {
    const billing = await allRows(teamA, { role: "billing" });
    expect(billing.map((m) => m.role)).toEqual(Array(8).fill("billing"));
    for (const status of ["active", "invited", "disabled"] as const) {
      const page = await listMemberPage(db(), teamA, params({ status, size: "100" }));
      expect(page.rows.length, status).toBeGreaterThan(0);
      expect(new Set(page.rows.map((m) => m.status))).toEqual(new Set([status]));
      expect(page.count.value).toBe(page.rows.length);
    }
    // 23 members: removed at i = 0, 5, 10, 15, 20; invited at i ≡ 1 (mod 4) unless removed: 1, 9, 13, 17, 21.
    expect((await listMemberPage(db(), teamA, params({ status: "disabled" }))).count.value).toBe(5);
    expect((await listMemberPage(db(), teamA, params({ status: "invited" }))).count.value).toBe(5);
    const both = await listMemberPage(db(), teamA, params({ status: "active", role: "owner" }));
    for (const m of both.rows) expect([m.status, m.role]).toEqual(["active", "owner"]);
  });

  it("keeps pending invitations with their live link's expiry (a used link does not count)", async () => {
    const invited = await allRows(teamA, { status: "invited" });
    expect(invited.map((m) => m.id).sort()).toEqual([...invitedIds].sort());
    for (const m of invited) {
      expect(m.invitationExpiresAt?.toISOString()).toBe("2099-01-08T09:00:00.000Z");
      expect(m.invitedAt?.toISOString()).toBe("2026-11-20T09:00:00.000Z");
    }
    const active = await allRows(teamA, { status: "active" });
    expect(active.every((m) => m.invitationExpiresAt === null)).toBe(true);
  });

  it("finds a member by part of the name or the email, any case; a bad filter is reported, not applied", async () => {
    const byEmail = await listMemberPage(db(), teamA, params({ q: `A07@${MARK}` }));
    expect(byEmail.rows.map((m) => m.email)).toEqual([`a07@${mark}.example`]);
    const byName = await allRows(teamA, { q: `${mark} charlie` });
    expect(byName).toHaveLength(6);
    expect(new Set(byName.map((m) => m.name))).toEqual(new Set([`${MARK} Charlie`]));
    const none = await listMemberPage(db(), teamA, params({ q: "100%_" }));
    expect(none.rows).toEqual([]);
    const bad = params({ role: "emperor", status: "asleep" });
    expect(Object.keys(bad.errors).sort()).toEqual(["role", "status"]);
    expect((await listMemberPage(db(), teamA, bad)).count.value).toBe(23);
  });

  it("never shows another reseller's users, nor staff on a team, nor a reseller's users among staff", async () => {
    const a = new Set((await allRows(teamA, {})).map((m) => m.id));
    const b = await allRows(teamB, { q: MARK });
    expect(b).toHaveLength(4);
    for (const m of b) expect(a.has(m.id)).toBe(false);
    const staffRows = await allRows(staff, { q: MARK });
    expect(staffRows.map((m) => m.email).sort()).toEqual(
      Array.from({ length: 6 }, (_, i) => `s0${i}@${mark}.example`),
    );
    // The seed's staff are there too, and no reseller user is.
    const everyone = await allRows(staff, {});
    expect(everyone.map((m) => m.email)).toContain("admin@skyline.example");
    const resellerEmails = await db()
      .select({ email: s.users.email })
      .from(s.users)
      .where(sql`${s.users.resellerId} is not null`);
    const staffEmails = new Set(everyone.map((m) => m.email));
    for (const r of resellerEmails) expect(staffEmails.has(r.email)).toBe(false);
  });
});

describe(`team members export on ${process.env.TEST_ENGINE}`, () => {
  it("has exactly the filtered members of every page, in order, whatever the batch size", async () => {
    for (const query of [
      {},
      { status: "invited" },
      { role: "viewer", sort: "last_sign_in" },
      { q: "delta" },
    ]) {
      const listed = await allRows(teamA, query);
      const p = params({ ...query, size: "10", after: "bm90LWEtY3Vyc29y" });
      const text = await sameCsvEveryBatchSize((o) => exportMemberList(db(), teamA, p, o), 2);
      expect(csvRecords(text).map((r) => r.email)).toEqual(listed.map((m) => m.email));
    }
  });

  it("writes the member's columns and never a password or a secret", async () => {
    const text = await csvText(exportMemberList(db(), teamA, params({ q: `a01@${mark}` })));
    expect(csvHeader(text)).toBe(
      "name,email,role,status,two_factor,last_sign_in,invited,invited_by,invitation_expires,removed",
    );
    expect(csvRecords(text)).toEqual([
      {
        name: `${MARK} Bravo`,
        email: `a01@${mark}.example`,
        role: "billing",
        status: "invited",
        two_factor: "off",
        last_sign_in: "2026-03-01T10:00:00.123Z",
        invited: "2026-11-20T09:00:00.000Z",
        invited_by: "",
        invitation_expires: "2099-01-08T09:00:00.000Z",
        removed: "",
      },
    ]);
    const all = await csvText(exportMemberList(db(), teamA, params({})));
    expect(all).not.toContain("not-a-real-hash");
  });

  const get = (path: string) => new Request(`http://localhost${path}`);

  it("gives a reseller's owner their own team only, and refuses other roles", async () => {
    // a03: an active owner of team A.
    auth.caller = await callerFor(`a03@${mark}.example`);
    expect(auth.caller.role).toBe("owner");
    const response = await teamRoute.GET(
      get(`/portal/team/export?q=${MARK}&resellerId=${teamB.resellerId}`),
      {},
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/filename="team-\d{4}-\d{2}-\d{2}\.csv"/);
    const emails = (await csvRows(response)).map((r) => r.email ?? "");
    expect(emails).toHaveLength(23);
    expect(emails.every((e) => e.startsWith("a"))).toBe(true);
    expect((await staffRoute.GET(get("/admin/staff/export"), {})).status).toBe(403);
    auth.caller = await callerFor(`a04@${mark}.example`);
    expect(auth.caller.role).toBe("billing");
    expect((await teamRoute.GET(get("/portal/team/export"), {})).status).toBe(403);
    auth.caller = null;
    expect((await teamRoute.GET(get("/portal/team/export"), {})).status).toBe(401);
  });

  it("gives back-office readers the staff only, filtered", async () => {
    auth.caller = await callerFor("support@skyline.example");
    const response = await staffRoute.GET(get(`/admin/staff/export?q=${MARK}&role=finance`), {});
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/filename="staff-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = await csvRows(response);
    // By name: s04 is an Alpha, s01 a Bravo.
    expect(rows.map((r) => r.email)).toEqual([`s04@${mark}.example`, `s01@${mark}.example`]);
    expect(new Set(rows.map((r) => r.role))).toEqual(new Set(["finance"]));
    expect((await teamRoute.GET(get("/portal/team/export"), {})).status).toBe(403);
  });
});
