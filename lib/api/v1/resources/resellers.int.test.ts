import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { createApiKey } from "@/lib/api-keys/keys";
import { db, newReseller } from "@/lib/contracts/test-support";
import type { ApiOperation } from "../operation";
import { createResellerOp, getReseller, listResellers, updateReseller } from "./resellers";

const TODAY = "2026-11-24";
vi.mock("@/lib/clock", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/clock")>()),
  now: () => new Date(`${TODAY}T12:00:00Z`),
}));

const staff = { userId: null, label: "admin@test" };
let mine: string;
let other: string;
let keys: { read: string; write: string; distributor: string; distributorRead: string };

async function key(resellerId: string | null, scopes: ("read" | "write")[]): Promise<string> {
  const created = await createApiKey(
    db(),
    { resellerId },
    { name: `test ${scopes.join("+")}`, scopes },
    staff,
    new Date(`${TODAY}T12:00:00Z`),
  );
  return created.key;
}

function call(
  op: ApiOperation,
  r: { key: string; path: string; method?: string; body?: unknown; params?: Record<string, string> },
): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${r.key}` };
  if (r.body !== undefined) headers["content-type"] = "application/json";
  return op.handle(
    new Request(`http://localhost/api/v1${r.path}`, {
      method: r.method ?? "GET",
      headers,
      body: r.body === undefined ? undefined : JSON.stringify(r.body),
    }),
    { params: Promise.resolve(r.params ?? {}) },
  );
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`), demo: false });
  mine = await newReseller(`Mine ${randomUUID().slice(0, 8)}`);
  other = await newReseller(`Other ${randomUUID().slice(0, 8)}`);
  await db()
    .update(s.resellers)
    .set({ priceAdjustmentKind: "sell_discount", priceAdjustmentPercent: "5" })
    .where(eq(s.resellers.id, mine));
  keys = {
    read: await key(mine, ["read"]),
    write: await key(mine, ["read", "write"]),
    distributor: await key(null, ["read", "write"]),
    distributorRead: await key(null, ["read"]),
  };
});

describe(`/api/v1/resellers on ${process.env.TEST_ENGINE}`, () => {
  it("gives a reseller key a list of exactly itself, and 404 for any other reseller", async () => {
    const list = await call(listResellers, { key: keys.read, path: "/resellers" });
    expect(list.status).toBe(200);
    const page = await list.json();
    expect(page.data.map((r: { id: string }) => r.id)).toEqual([mine]);
    expect(page).toMatchObject({ hasMore: false, nextCursor: null });
    // The distributor's adjustment is not the reseller's business.
    expect(page.data[0]).not.toHaveProperty("priceAdjustment");

    const self = await call(getReseller, {
      key: keys.read,
      path: `/resellers/${mine}`,
      params: { id: mine },
    });
    expect(self.status).toBe(200);
    expect((await self.json()).id).toBe(mine);

    for (const id of [other, randomUUID(), "not-an-id"]) {
      const res = await call(getReseller, { key: keys.read, path: `/resellers/${id}`, params: { id } });
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
  });

  it("lists the channel for a distributor key, with filters and cursor pages", async () => {
    const one = await call(listResellers, {
      key: keys.distributorRead,
      path: `/resellers?q=${encodeURIComponent("mine ")}&country=gb&currency=usd&status=active`,
    });
    const page = await one.json();
    expect(page.data.map((r: { id: string }) => r.id)).toEqual([mine]);
    expect(page.data[0].priceAdjustment).toEqual({ kind: "sell_discount", percent: "5.0000" });

    const first = await (
      await call(listResellers, { key: keys.distributorRead, path: "/resellers?limit=1" })
    ).json();
    expect(first.data).toHaveLength(1);
    expect(first.hasMore).toBe(true);
    const second = await (
      await call(listResellers, {
        key: keys.distributorRead,
        path: `/resellers?limit=1&cursor=${first.nextCursor}`,
      })
    ).json();
    expect(second.data).toHaveLength(1);
    expect(second.data[0].id).not.toBe(first.data[0].id);

    const bad = await call(listResellers, { key: keys.distributorRead, path: "/resellers?status=sleeping" });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.details)).toEqual(["query.status"]);
  });

  it("refuses POST /resellers to reseller keys, and checks the body with the new-reseller form's schema", async () => {
    const body = {
      name: "Api Made Ltd",
      addressLine1: "1 Main Street",
      city: "Dublin",
      postalCode: "D01",
      country: "IE",
      taxId: "not a vat id",
      billingEmail: "billing@api-made.example",
      billingContacts: ["ap@api-made.example", "not-an-email"],
      currency: "EUR",
      tier: "T1",
      ownerName: "Ann Owner",
      ownerEmail: "ann@api-made.example",
      acronisLogin: "api-made-admin",
    };
    const refused = await call(createResellerOp, {
      key: keys.write,
      path: "/resellers",
      method: "POST",
      body,
    });
    expect(refused.status).toBe(403);

    const invalid = await call(createResellerOp, {
      key: keys.distributor,
      path: "/resellers",
      method: "POST",
      body,
    });
    expect(invalid.status).toBe(400);
    const details = (await invalid.json()).error.details;
    expect(Object.keys(details).sort()).toEqual(["body.billingContacts", "body.taxId"]);
    expect(details["body.billingContacts"][0]).toMatch(/not-an-email/);
    const [created] = await db().select().from(s.resellers).where(eq(s.resellers.name, "Api Made Ltd"));
    expect(created).toBeUndefined();
  });

  it("edits a reseller's details for a distributor key (partial, audited), never for a reseller key", async () => {
    const path = `/resellers/${other}`;
    const asReseller = await call(updateReseller, {
      key: keys.write,
      path,
      method: "PATCH",
      body: { billingEmail: "x@example.com" },
      params: { id: other },
    });
    expect(asReseller.status).toBe(403);

    const res = await call(updateReseller, {
      key: keys.distributor,
      path,
      method: "PATCH",
      body: { billingEmail: "Accounts@Other.example", billingContacts: ["ap@other.example"] },
      params: { id: other },
    });
    expect(res.status).toBe(200);
    const after = await res.json();
    expect(after).toMatchObject({
      id: other,
      billingEmail: "accounts@other.example",
      billingContacts: ["ap@other.example"],
      addressLine1: "1 Test Street",
    });
    const audit = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entityId, other), eq(s.auditLog.action, "reseller.updated")));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorLabel).toMatch(/^API key "test read\+write"/);

    const invalid = await call(updateReseller, {
      key: keys.distributor,
      path,
      method: "PATCH",
      body: { name: "" },
      params: { id: other },
    });
    expect(invalid.status).toBe(400);
    expect(Object.keys((await invalid.json()).error.details)).toEqual(["body.name"]);
  });
});
