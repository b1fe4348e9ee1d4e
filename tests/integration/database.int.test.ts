import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getMigrationState, runMigrations } from "@/db/migrate";
import * as s from "@/db/schema";
import { countRows, type SeedLogin, seedDatabase } from "@/db/seed";
import { seedSkus } from "@/db/seed/catalogue";
import { databaseRefusal } from "@/tests/database-refusal";

const today = new Date("2026-11-24T12:00:00Z");
const LIVE_CONTRACT_INDEX = "contracts_one_live_per_reseller";
const INVOICE_PERIOD_INDEX = "invoices_contract_period_key";
let logins: SeedLogin[];

// Every test reads the seeded database; the seed itself is tested by seeding again.
beforeAll(async () => {
  logins = await seedDatabase(globalThis.testDb.db, { today });
});

describe(`database on ${process.env.TEST_ENGINE}`, () => {
  it("applies every committed migration, and re-applying is a no-op", async () => {
    const db = globalThis.testDb.db;
    const state = await getMigrationState(db);
    expect(state.upToDate).toBe(true);
    expect(state.applied).toBe(state.available);
    await runMigrations(db);
    expect((await getMigrationState(db)).applied).toBe(state.available);
  });

  it("seeds the catalogue, logins and demo resellers, and a second seed changes nothing", async () => {
    const db = globalThis.testDb.db;
    const first = await countRows(db);
    expect(first.tiers).toBe(7);
    expect(first.skus).toBe(seedSkus.length);
    expect(first.prices).toBe(seedSkus.length * 7 * 6);
    expect(first.resellers).toBe(4);
    expect(first.customers).toBeGreaterThanOrEqual(9);
    expect(first.usageSnapshots).toBeGreaterThan(10_000);
    expect(logins.some((l) => l.role === "admin")).toBe(true);
    await seedDatabase(db, { today });
    expect(await countRows(db)).toEqual(first);
  });

  it("prices fall as the tier rises, in every price-list currency", async () => {
    const db = globalThis.testDb.db;
    const rows = await db.execute<{ currency: string; sku: string; ordered: boolean }>(sql`
      select p.currency, k.code as sku,
        bool_and(p.unit_price <= coalesce(prev.unit_price, p.unit_price)) as ordered
      from ${s.prices} p
      join ${s.skus} k on k.id = p.sku_id
      join ${s.tiers} t on t.id = p.tier_id and t.code like 'T%'
      left join lateral (
        select p2.unit_price from ${s.prices} p2 join ${s.tiers} t2 on t2.id = p2.tier_id
        where p2.sku_id = p.sku_id and p2.currency = p.currency and t2.code like 'T%' and t2.sort_order = t.sort_order - 1
      ) prev on true
      group by p.currency, k.code`);
    expect(rows.length).toBe(seedSkus.length * 6);
    expect(rows.every((r) => r.ordered)).toBe(true);
  });

  it("refuses a second snapshot for the same customer, SKU and day", async () => {
    const db = globalThis.testDb.db;
    const [snap] = await db.select().from(s.usageSnapshots).limit(1);
    expect(await databaseRefusal(db.insert(s.usageSnapshots).values({ ...snap!, value: "1" }))).toMatchObject(
      {
        code: "23505",
        constraint: "usage_snapshots_customer_id_sku_id_day_pk",
      },
    );
  });

  it("refuses a second live contract for a reseller", async () => {
    const db = globalThis.testDb.db;
    const [c] = await db.select().from(s.contracts).where(sql`${s.contracts.state} <> 'cancelled'`).limit(1);
    const { id: _id, ...rest } = c!;
    expect(await databaseRefusal(db.insert(s.contracts).values({ ...rest, state: "pending" }))).toMatchObject(
      {
        code: "23505",
        constraint: LIVE_CONTRACT_INDEX,
      },
    );
    // A cancelled one is history, not live: allowed.
    await db.insert(s.contracts).values({ ...rest, state: "cancelled" });
  });

  it("refuses a second invoice for the same contract and period", async () => {
    const db = globalThis.testDb.db;
    const [c] = await db.select().from(s.contracts).limit(1);
    const invoice = {
      contractId: c!.id,
      resellerId: c!.resellerId,
      period: "2026-10",
      currency: "USD",
      invoiceDate: "2026-11-01",
      tierCode: "T2",
      tierName: "Tier 2",
      cycle: 6,
      activeDays: 31,
      periodDays: 31,
      commitment: "1000",
      consumption: "0",
      topUp: "1000",
      subtotal: "1000",
      taxRatePercent: "0",
      tax: "0",
      total: "1000",
    };
    await db.insert(s.invoices).values(invoice);
    expect(await databaseRefusal(db.insert(s.invoices).values(invoice))).toMatchObject({
      code: "23505",
      constraint: INVOICE_PERIOD_INDEX,
    });
  });

  it("keeps concurrent transactions from different clients isolated", async () => {
    const { createDb } = await import("@/db/client");
    const other = createDb(globalThis.testDb.url, { max: 4 });
    const db = globalThis.testDb.db;
    await db.execute(sql`create table if not exists counter_probe (id int primary key, n int not null)`);
    await db.execute(sql`insert into counter_probe values (1, 0) on conflict do nothing`);
    const bump = (h: typeof db) =>
      h.transaction(async (tx) => {
        const [row] = await tx.execute<{ n: number }>(
          sql`select n from counter_probe where id = ${1} for update`,
        );
        await tx.execute(sql`update counter_probe set n = ${Number(row!.n) + 1} where id = ${1}`);
      });
    const typed = (h: typeof db, i: number) =>
      h
        .execute<{ a: number; b: string }>(sql`select ${i}::int as a, ${`x${i}`}::text as b`)
        .then((r) => r[0]);
    const jobs: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) jobs.push(bump(i % 2 ? db : other.db), typed(i % 2 ? other.db : db, i));
    const results = await Promise.all(jobs);
    const [row] = await db.execute<{ n: number }>(sql`select n from counter_probe where id = 1`);
    expect(Number(row!.n)).toBe(20);
    expect(results.filter(Boolean).length).toBe(20);
    await other.sql.end();
  });
});
