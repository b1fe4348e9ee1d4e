import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { createApiKey } from "@/lib/api-keys/keys";
import { db, newReseller } from "@/lib/contracts/test-support";
import type { ApiOperation } from "../operation";
import { getCustomer, listCustomersOp } from "./customers";

const TODAY = "2026-11-24";
vi.mock("@/lib/clock", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/clock")>()),
  now: () => new Date(`${TODAY}T12:00:00Z`),
}));

async function key(resellerId: string | null): Promise<string> {
  const at = new Date(`${TODAY}T12:00:00Z`);
  return (await createApiKey(db(), { resellerId }, { name: "customers", scopes: ["read"] }, staff, at)).key;
}
const staff = { userId: null, label: "admin@test" };

async function get(op: ApiOperation, apiKey: string, path: string, params: Record<string, string> = {}) {
  const res = await op.handle(
    new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${apiKey}` } }),
    { params: Promise.resolve(params) },
  );
  return { status: res.status, body: await res.json() };
}

let mine: string;
let theirs: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`), demo: false });
  mine = await newReseller();
  theirs = await newReseller();
  const rows = await db()
    .insert(s.customers)
    .values([
      {
        resellerId: mine,
        acronisTenantId: randomUUID(),
        name: "Alpha 100%",
        firstSeenAt: new Date("2026-10-01"),
      },
      {
        resellerId: mine,
        acronisTenantId: randomUUID(),
        name: "Beta",
        path: "Folder A",
        pricingMode: "trial",
        productionStartDate: new Date("2026-12-20T00:00:00Z"),
        firstSeenAt: new Date("2026-10-02"),
      },
      {
        resellerId: theirs,
        acronisTenantId: randomUUID(),
        name: "Gamma",
        firstSeenAt: new Date("2026-10-03"),
      },
    ])
    .returning();
  for (const row of rows) ids[row.name] = row.id;
});

describe(`/api/v1/customers on ${process.env.TEST_ENGINE}`, () => {
  it("lists a reseller key's own customers, newest first, with the trial badge's rule", async () => {
    const { status, body } = await get(listCustomersOp, await key(mine), "/customers");
    expect(status).toBe(200);
    expect(body.data.map((c: { name: string }) => c.name)).toEqual(["Beta", "Alpha 100%"]);
    expect(body.data[0]).toMatchObject({
      resellerId: mine,
      path: "Folder A",
      pricingMode: "trial",
      billed: false,
      productionStartDate: "2026-12-20T00:00:00.000Z",
    });
    expect(body.data[1]).toMatchObject({ pricingMode: "production", billed: true });

    // "%" in q is a character, not a wildcard.
    const q = await get(listCustomersOp, await key(mine), `/customers?q=${encodeURIComponent("100%")}`);
    expect(q.body.data.map((c: { name: string }) => c.name)).toEqual(["Alpha 100%"]);
    const none = await get(listCustomersOp, await key(mine), `/customers?q=${encodeURIComponent("a%")}`);
    expect(none.body.data).toEqual([]);

    const foreignFilter = await get(listCustomersOp, await key(mine), `/customers?resellerId=${theirs}`);
    expect(foreignFilter.status).toBe(404);
  });

  it("reads one customer, and 404 for another reseller's", async () => {
    const reseller = await key(mine);
    const own = await get(getCustomer, reseller, `/customers/${ids.Beta}`, { id: ids.Beta as string });
    expect(own.status).toBe(200);
    expect(own.body.name).toBe("Beta");
    for (const id of [ids.Gamma as string, randomUUID(), "x"]) {
      const res = await get(getCustomer, reseller, `/customers/${id}`, { id });
      expect(res.status).toBe(404);
    }
    const distributor = await key(null);
    expect(
      (await get(getCustomer, distributor, `/customers/${ids.Gamma}`, { id: ids.Gamma as string })).status,
    ).toBe(200);
    const filtered = await get(listCustomersOp, distributor, `/customers?resellerId=${theirs}`);
    expect(filtered.body.data.map((c: { id: string }) => c.id)).toEqual([ids.Gamma]);
  });
});
