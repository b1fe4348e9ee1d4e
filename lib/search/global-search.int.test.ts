import { and, asc, eq, isNotNull } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { CurrentUser } from "@/lib/auth/guard";
import { globalSearch } from "./global-search";
import type { SearchHit } from "./types";

// Issue 16 item 2: the back office's one search box on the seeded demo (demo invoices issued).
const db = () => globalThis.testDb.db;

// The route reads the signed-in user: pinned here, the rest is real.
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

const route = await import("@/app/api/admin/search/route");

let northwind: typeof s.resellers.$inferSelect;

async function userByEmail(email: string) {
  const [row] = await db().select().from(s.users).where(eq(s.users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return row;
}

function callerOf(user: typeof s.users.$inferSelect): CurrentUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    resellerId: user.resellerId,
    sessionId: "s",
  };
}

const ofKind = (hits: SearchHit[], kind: SearchHit["kind"]) => hits.filter((h) => h.kind === kind);

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z"), demoInvoices: true });
  const [row] = await db().select().from(s.resellers).where(eq(s.resellers.taxId, "US-EIN 98-7654321"));
  if (!row) throw new Error("Northwind is missing from the demo seed");
  northwind = row;
});

describe("globalSearch", () => {
  it("finds a reseller by its tax id, whole (exact) or in part", async () => {
    const exact = await globalSearch(db(), "  us-ein 98-7654321 ");
    expect(exact[0]).toMatchObject({
      kind: "reseller",
      id: northwind.id,
      title: "Northwind IT Services",
      href: `/admin/resellers/${northwind.id}`,
      match: "exact",
    });
    const part = ofKind(await globalSearch(db(), "98-7654"), "reseller");
    expect(part.map((h) => h.id)).toEqual([northwind.id]);
    expect(part[0]?.match).toBe("contains");
  });

  it("finds an invoice by its number, the exact one first", async () => {
    const [invoice] = await db()
      .select({ id: s.invoices.id, number: s.invoices.number })
      .from(s.invoices)
      .where(and(isNotNull(s.invoices.number), eq(s.invoices.resellerId, northwind.id)))
      .orderBy(asc(s.invoices.number))
      .limit(1);
    if (!invoice?.number) throw new Error("the demo has no issued invoice");
    const hits = await globalSearch(db(), invoice.number.toLowerCase());
    expect(hits[0]).toMatchObject({
      kind: "invoice",
      id: invoice.id,
      title: invoice.number,
      href: `/admin/invoices/${invoice.id}`,
      match: "exact",
    });
    expect(hits[0]?.subtitle).toContain("Northwind IT Services");
    // A shared prefix finds several, at most five, none exact.
    const prefix = ofKind(await globalSearch(db(), invoice.number.slice(0, 4)), "invoice");
    expect(prefix.length).toBeGreaterThan(1);
    expect(prefix.length).toBeLessThanOrEqual(5);
    expect(prefix.every((h) => h.match === "prefix")).toBe(true);
    const [one] = await globalSearch(db(), invoice.number.slice(0, 4), { limitPerKind: 1 });
    expect(one?.kind).toBe("invoice");
  });

  it("finds a customer by name, with its reseller, and opens its back-office page", async () => {
    const [customer] = await db()
      .select()
      .from(s.customers)
      .where(eq(s.customers.resellerId, northwind.id))
      .orderBy(asc(s.customers.name))
      .limit(1);
    if (!customer) throw new Error("Northwind has no demo customer");
    const hits = ofKind(await globalSearch(db(), customer.name), "customer");
    expect(hits[0]).toMatchObject({
      id: customer.id,
      title: customer.name,
      href: `/admin/usage/${northwind.id}/customers/${customer.id}`,
      match: "exact",
    });
    expect(hits[0]?.subtitle).toContain("Customer of Northwind IT Services");
  });

  it("finds users by email: a reseller user opens its reseller, staff open the staff page", async () => {
    const owner = await userByEmail("owner@northwind.example");
    // The owner's address may also be the reseller's billing email or Acronis login: both are exact hits.
    const hits = ofKind(await globalSearch(db(), "OWNER@northwind.example"), "user");
    expect(hits[0]).toMatchObject({
      id: owner.id,
      href: `/admin/resellers/${northwind.id}`,
      match: "exact",
    });
    expect(hits[0]?.subtitle).toContain("Owner at Northwind IT Services");
    const staff = ofKind(await globalSearch(db(), "finance@skyline"), "user");
    expect(staff[0]).toMatchObject({ title: "Finn Finance", href: "/admin/staff", match: "prefix" });
    // Many users match ".example": five at most.
    expect(ofKind(await globalSearch(db(), ".example"), "user")).toHaveLength(5);
  });

  it("finds a reseller and a customer by an Acronis tenant id, exactly", async () => {
    expect(northwind.acronisTenantId).toBeTruthy();
    const tenant = northwind.acronisTenantId as string;
    const reseller = await globalSearch(db(), tenant.toUpperCase());
    expect(reseller).toHaveLength(1);
    expect(reseller[0]).toMatchObject({ kind: "reseller", id: northwind.id, match: "exact" });
    expect(reseller[0]?.subtitle).toContain(`Acronis tenant ${tenant}`);

    const [customer] = await db()
      .select()
      .from(s.customers)
      .where(eq(s.customers.resellerId, northwind.id))
      .limit(1);
    if (!customer) throw new Error("Northwind has no demo customer");
    const hits = await globalSearch(db(), customer.acronisTenantId);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ kind: "customer", id: customer.id, match: "exact" });
    // Part of a tenant id is no match: tenant ids are exact-match lookups.
    expect(await globalSearch(db(), customer.acronisTenantId.slice(0, 8))).toEqual([]);
  });

  it("takes %, _ and \\ literally, and refuses text outside 2–100 characters", async () => {
    expect(await globalSearch(db(), "%%")).toEqual([]);
    expect(await globalSearch(db(), "__")).toEqual([]);
    expect(await globalSearch(db(), "\\\\")).toEqual([]);
    await expect(globalSearch(db(), " a ")).rejects.toThrow();
    await expect(globalSearch(db(), "x".repeat(101))).rejects.toThrow();
  });
});

describe("GET /api/admin/search", () => {
  const get = (q: string) =>
    route.GET(new Request(`http://localhost/api/admin/search?q=${encodeURIComponent(q)}`), {
      params: Promise.resolve({}),
    });

  it("answers staff with the hits, never cached", async () => {
    auth.caller = callerOf(await userByEmail("support@skyline.example"));
    const res = await get("US-EIN 98-7654321");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const body = await res.json();
    expect(body.q).toBe("US-EIN 98-7654321");
    expect(body.hits[0]).toMatchObject({ kind: "reseller", id: northwind.id });
    expect((await get("a")).status).toBe(400);
  });

  it("refuses a reseller user: nothing is searched", async () => {
    auth.caller = callerOf(await userByEmail("owner@northwind.example"));
    const res = await get("northwind");
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.hits).toBeUndefined();
    expect(body.error.code).toBe("forbidden");
  });
});
