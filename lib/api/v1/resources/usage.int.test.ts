import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { createApiKey } from "@/lib/api-keys/keys";
import { addDays, dec } from "@/lib/billing";
import { db, liveContract, newReseller } from "@/lib/contracts/test-support";
import { dailyQuantities } from "@/lib/dashboard/customer-days";
import type { ApiOperation } from "../operation";
import { dailyUsage, monthlyUsage } from "./usage";

const TODAY = "2026-11-24";
vi.mock("@/lib/clock", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/clock")>()),
  now: () => new Date(`${TODAY}T12:00:00Z`),
}));

const staff = { userId: null, label: "admin@test" };
const GIB = 2n ** 30n;

async function key(resellerId: string | null): Promise<string> {
  const created = await createApiKey(
    db(),
    { resellerId },
    { name: "usage", scopes: ["read"] },
    staff,
    new Date(`${TODAY}T12:00:00Z`),
  );
  return created.key;
}

async function get(op: ApiOperation, apiKey: string, path: string) {
  const res = await op.handle(
    new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${apiKey}` } }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, body: await res.json() };
}

type DailyItem = {
  customerId: string;
  services: { service: string; aggregation: string; days: { day: string; quantity: string }[] }[];
};
type MonthlyItem = {
  customerId: string;
  services: { service: string; months: { month: string; quantity: string; billed: boolean }[] }[];
};

let resellerId: string;
let otherReseller: string;
let production: string;
let trial: string;
let foreign: string;
let keys: { mine: string; other: string; distributor: string };

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`), demo: false });
  resellerId = (await liveContract({ tierCode: "T1", today: "2026-09-01" })).resellerId;
  otherReseller = await newReseller();
  const [p, t, f] = await db()
    .insert(s.customers)
    .values([
      {
        resellerId,
        acronisTenantId: randomUUID(),
        name: "Production Co",
        firstSeenAt: new Date("2026-09-02"),
      },
      {
        resellerId,
        acronisTenantId: randomUUID(),
        name: "Trial Co",
        pricingMode: "trial",
        productionStartDate: new Date("2026-12-15T00:00:00Z"),
        firstSeenAt: new Date("2026-09-03"),
      },
      { resellerId: otherReseller, acronisTenantId: randomUUID(), name: "Foreign Co" },
    ])
    .returning();
  production = p!.id;
  trial = t!.id;
  foreign = f!.id;
  const skus = await db().select().from(s.skus);
  const sku = (code: string) => skus.find((k) => k.code === code)!.id;
  const rows: (typeof s.usageSnapshots.$inferInsert)[] = [];
  let n = 0;
  for (let day = "2026-10-01"; day <= "2026-11-20"; day = addDays(day, 1)) {
    n += 1;
    // Workstations wander; storage rises to mid-October then falls; compute seconds accumulate per month.
    rows.push({
      customerId: production,
      skuId: sku("pw_base_workstations"),
      day,
      value: String(10 + (n % 7)),
    });
    const gib = n <= 15 ? BigInt(n) * 3n : BigInt(60 - n);
    rows.push({
      customerId: production,
      skuId: sku("pw_base_storage"),
      day,
      value: String(gib * GIB + 12345n),
    });
    const dayOfMonth = Number(day.slice(8));
    rows.push({
      customerId: production,
      skuId: sku("pw_base_adv_dr_compute_points"),
      day,
      value: String(dayOfMonth * 5400 + 17),
    });
    rows.push({ customerId: trial, skuId: sku("pw_base_workstations"), day, value: "5" });
    rows.push({ customerId: foreign, skuId: sku("pw_base_workstations"), day, value: "99" });
  }
  await db().insert(s.usageSnapshots).values(rows);
  keys = { mine: await key(resellerId), other: await key(otherReseller), distributor: await key(null) };
});

describe(`/api/v1/usage on ${process.env.TEST_ENGINE}`, () => {
  it("gives daily quantities in billing units, as the portal's customer page reads them", async () => {
    const { status, body } = await get(dailyUsage, keys.mine, "/usage/daily?from=2026-10-01&to=2026-10-31");
    expect(status).toBe(200);
    const items = body.data as DailyItem[];
    // Its own customers only, newest first.
    expect(items.map((i) => i.customerId)).toEqual([trial, production]);
    const services = items.find((i) => i.customerId === production)!.services;
    expect(services.map((x) => x.service).sort()).toEqual([
      "pw_base_adv_dr_compute_points",
      "pw_base_storage",
      "pw_base_workstations",
    ]);
    const storage = services.find((x) => x.service === "pw_base_storage")!;
    expect(storage.days).toHaveLength(31);
    expect(storage.days[0]).toEqual({ day: "2026-10-01", quantity: "3.0000" });
    const compute = services.find((x) => x.service === "pw_base_adv_dr_compute_points")!;
    expect(compute.days[1]).toEqual({ day: "2026-10-02", quantity: "3.0047" }); // 10817 s ÷ 3600

    const page = await dailyQuantities(db(), production, "2026-10", "2026-10-31");
    for (const service of page)
      expect(services.find((x) => x.service === service.sku)?.days).toEqual(service.days);
  });

  it("gives monthly quantities equal to the month's aggregate of the daily ones (peak, or the last day)", async () => {
    const daily = (await get(dailyUsage, keys.mine, "/usage/daily?from=2026-10-01&to=2026-10-31")).body
      .data as DailyItem[];
    const { status, body } = await get(monthlyUsage, keys.mine, "/usage/monthly?from=2026-10&to=2026-11");
    expect(status).toBe(200);
    const monthly = body.data as MonthlyItem[];
    let compared = 0;
    for (const item of daily) {
      for (const service of item.services) {
        const quantities = service.days.map((d) => dec(d.quantity));
        const expected =
          service.aggregation === "last"
            ? (quantities.at(-1) as ReturnType<typeof dec>)
            : quantities.reduce((a, b) => (b.gt(a) ? b : a));
        const october = monthly
          .find((m) => m.customerId === item.customerId)
          ?.services.find((x) => x.service === service.service)
          ?.months.find((m) => m.month === "2026-10");
        expect(october?.quantity, `${item.customerId} ${service.service}`).toBe(expected.toFixed(4));
        compared += 1;
      }
    }
    expect(compared).toBe(4);

    const mine = monthly.find((m) => m.customerId === production)!;
    const storage = mine.services.find((x) => x.service === "pw_base_storage")!;
    expect(storage.months).toEqual([
      { month: "2026-10", quantity: "45.0000", billed: true },
      { month: "2026-11", quantity: "28.0000", billed: true },
    ]);
    // Usage in trial is reported, and marked as not billed.
    const trialMonths = monthly.find((m) => m.customerId === trial)!.services[0]!.months;
    expect(trialMonths.map((m) => m.billed)).toEqual([false, false]);
  });

  it("bounds the ranges with a clear 400", async () => {
    const cases: [ApiOperation, string, string][] = [
      [dailyUsage, "/usage/daily?from=2026-08-01&to=2026-11-02", "query.to"],
      [dailyUsage, "/usage/daily?from=2026-10-10&to=2026-10-01", "query.to"],
      [dailyUsage, "/usage/daily?from=2026-02-30&to=2026-03-01", "query.from"],
      [dailyUsage, "/usage/daily?from=2026-10-01", "query.to"],
      [monthlyUsage, "/usage/monthly?from=2024-10&to=2026-10", "query.to"],
      [monthlyUsage, "/usage/monthly?from=2026-13&to=2026-10", "query.from"],
      [dailyUsage, "/usage/daily?from=2026-10-01&to=2026-10-02&service=nope", "query.service"],
    ];
    for (const [op, path, field] of cases) {
      const { status, body } = await get(op, keys.mine, path);
      expect(status, path).toBe(400);
      expect(Object.keys(body.error.details), path).toContain(field);
    }
    // 93 days is the most one request may ask for.
    expect((await get(dailyUsage, keys.mine, "/usage/daily?from=2026-08-01&to=2026-11-01")).status).toBe(200);
    expect((await get(monthlyUsage, keys.mine, "/usage/monthly?from=2024-11&to=2026-10")).status).toBe(200);
  });

  it("keeps a reseller key to its own customers; a distributor key names the reseller", async () => {
    const range = "from=2026-10-01&to=2026-10-05";
    expect((await get(dailyUsage, keys.other, `/usage/daily?${range}&resellerId=${resellerId}`)).status).toBe(
      404,
    );
    expect((await get(dailyUsage, keys.mine, `/usage/daily?${range}&customerId=${foreign}`)).status).toBe(
      404,
    );

    const unnamed = await get(dailyUsage, keys.distributor, `/usage/daily?${range}`);
    expect(unnamed.status).toBe(400);
    expect(Object.keys(unnamed.body.error.details)).toEqual(["query.resellerId"]);

    const named = await get(dailyUsage, keys.distributor, `/usage/daily?${range}&resellerId=${resellerId}`);
    const own = await get(dailyUsage, keys.mine, `/usage/daily?${range}`);
    expect(named.body).toEqual(own.body);

    const one = await get(
      dailyUsage,
      keys.mine,
      `/usage/daily?${range}&customerId=${production}&service=pw_base_workstations`,
    );
    expect(
      (one.body.data as DailyItem[]).map((i) => [i.customerId, i.services.map((x) => x.service)]),
    ).toEqual([[production, ["pw_base_workstations"]]]);

    const first = await get(monthlyUsage, keys.mine, "/usage/monthly?from=2026-10&to=2026-10&limit=1");
    expect(first.body).toMatchObject({ hasMore: true });
    const second = await get(
      monthlyUsage,
      keys.mine,
      `/usage/monthly?from=2026-10&to=2026-10&limit=1&cursor=${first.body.nextCursor}`,
    );
    expect([...first.body.data, ...second.body.data].map((i: MonthlyItem) => i.customerId)).toEqual([
      trial,
      production,
    ]);
    expect(second.body.hasMore).toBe(false);
  });
});
