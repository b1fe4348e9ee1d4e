import { and, asc, eq, sql } from "drizzle-orm";
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, resellers, skus, usageSnapshots, usageSyncRuns } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { attachDemoResellersToSimulator } from "@/db/seed/acronis";
import type { AcronisClient } from "@/lib/acronis";
import type { Simulator } from "@/lib/acronis-sim";
import { startJobQueue } from "@/lib/jobs";
import { startTestSimulator, waitFor } from "@/lib/provisioning/test-support";
import { backfillUsageHistory, closeUsageMonth, runUsageSync, startUsageSyncScheduler } from "@/lib/usage";
import { onPostgres } from "@/tests/engine";

const db = () => globalThis.testDb.db;
let sim: Simulator;
let acronis: AcronisClient;
let partnerId: string;
const T = new Date("2026-11-20T08:00:00Z");
const at = (hours: number) => new Date(T.getTime() + hours * 3_600_000);

type SimTenant = { id: string; name: string };

async function setClock(now: Date) {
  await sim.control("POST", "/clock", { now: now.toISOString() });
}

async function createCustomer(name: string): Promise<SimTenant> {
  return sim.control<SimTenant>("POST", "/tenants", {
    parent_id: partnerId,
    name,
    kind: "customer",
    usage_since: "2026-10-01",
  });
}

const allSnapshots = () =>
  db()
    .select()
    .from(usageSnapshots)
    .orderBy(asc(usageSnapshots.customerId), asc(usageSnapshots.skuId), asc(usageSnapshots.day));

async function snapshot(tenantId: string, skuCode: string, day: string) {
  const rows = await db()
    .select({ value: usageSnapshots.value })
    .from(usageSnapshots)
    .innerJoin(customers, eq(customers.id, usageSnapshots.customerId))
    .innerJoin(skus, eq(skus.id, usageSnapshots.skuId))
    .where(and(eq(customers.acronisTenantId, tenantId), eq(skus.code, skuCode), eq(usageSnapshots.day, day)));
  return rows[0]?.value;
}

/**
 * Rows where the monthly rollup differs from the months aggregated afresh from the daily snapshots (in
 * either direction): the rollup must always equal max(value), max(day) and that day's value per month.
 */
async function rollupMismatches(): Promise<number> {
  const [row] = await db().execute<{ n: number }>(sql`
    with fresh as (
      select a.customer_id, a.sku_id, a.month, a.peak, a.last_day, l.value as last_value
      from (select customer_id, sku_id, date_trunc('month', day::timestamp)::date as month,
              max(value) as peak, max(day) as last_day
            from usage_snapshots group by 1, 2, 3) a
      join usage_snapshots l on l.customer_id = a.customer_id and l.sku_id = a.sku_id and l.day = a.last_day
    ),
    stored as (select customer_id, sku_id, month, peak, last_day, last_value from usage_monthly)
    select count(*)::int as n from (
      (select * from fresh except select * from stored) union all (select * from stored except select * from fresh)
    ) d`);
  return Number(row?.n ?? -1);
}

async function monthlyRowCount(): Promise<number> {
  const [row] = await db().execute<{ n: number }>(sql`select count(*)::int as n from usage_monthly`);
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  ({ sim, acronis } = await startTestSimulator());
  await setClock(T);
  await attachDemoResellersToSimulator(db(), sim);
  const partner = await sim.control<SimTenant>("POST", "/tenants", {
    parent_id: sim.rootTenantId,
    name: "Usage Test Partner",
    kind: "partner",
    internal_tag: "usage-test",
  });
  partnerId = partner.id;
  await db().insert(resellers).values({
    name: "Usage Test Partner",
    legalName: "Usage Test Partner Ltd",
    addressLine1: "1 Road",
    city: "Town",
    postalCode: "1000",
    country: "DE",
    currency: "EUR",
    billingEmail: "usage@example.test",
    internalTag: "usage-test",
    acronisTenantId: partner.id,
    status: "active",
  });
  for (const name of ["Alpha GmbH", "Beta AG", "Gamma KG"]) await createCustomer(name);
  // Known to Tierline before any test: the tests that use these customers' rows run in any order.
  await runUsageSync(db(), acronis, { kind: "manual", now: T });
});
afterAll(async () => {
  await sim?.stop();
});

describe("usage sync", () => {
  it("discovers customers, stores one snapshot per customer/SKU/day, and a second run changes nothing", async () => {
    // Customers of its own, new to Tierline whatever ran before.
    const names = ["Zeta Oy", "Eta AS", "Theta AB"];
    for (const name of names) await createCustomer(name);
    const first = await runUsageSync(db(), acronis, { kind: "manual", now: T });
    expect(first.status).toBe("succeeded");
    expect(first.errors).toEqual([]);
    const known = await db().select().from(customers);
    expect(first.tenants).toBe(known.length);
    expect(known.filter((c) => names.includes(c.name))).toHaveLength(3);
    expect(first.rows).toBeGreaterThan(0);
    const before = await allSnapshots();
    const ours = known.filter((c) => names.includes(c.name)).map((c) => c.id);
    const fresh = before.filter((r) => ours.includes(r.customerId));
    expect(fresh.length).toBeGreaterThanOrEqual(3);
    expect(fresh.every((r) => r.day === "2026-11-20")).toBe(true);

    expect(await monthlyRowCount()).toBeGreaterThan(0);
    expect(await rollupMismatches()).toBe(0);

    const second = await runUsageSync(db(), acronis, { kind: "scheduled", now: T });
    expect(second.rows).toBe(0);
    expect(await rollupMismatches()).toBe(0);
    expect(await allSnapshots()).toEqual(before);
    const [run] = await db().select().from(usageSyncRuns).where(eq(usageSyncRuns.id, second.runId));
    expect(run).toMatchObject({ kind: "scheduled", status: "succeeded", rows: 0, tenants: first.tenants });
    expect(run!.finishedAt).not.toBeNull();
  });

  it("picks up a customer created in Acronis since the last run", async () => {
    const delta = await createCustomer("Delta SARL");
    await runUsageSync(db(), acronis, { kind: "manual", now: T });
    const [row] = await db().select().from(customers).where(eq(customers.acronisTenantId, delta.id));
    expect(row).toMatchObject({ name: "Delta SARL", enabled: true });
    expect(await snapshot(delta.id, "pw_base_workstations", "2026-11-20")).toBeDefined();
  });

  it("keeps the day's maximum, and the latest value for `last` SKUs", async () => {
    const tenant = await createCustomer("Epsilon BV");
    const setUsage = (usage_name: string, value: number) =>
      sim.control("POST", "/usage", { tenant_id: tenant.id, usage_name, value });
    await setUsage("pw_base_workstations", 50);
    await setUsage("pw_base_adv_dr_compute_points", 7200);
    await setClock(at(1));
    await runUsageSync(db(), acronis, { kind: "scheduled", now: at(1) });
    expect(await snapshot(tenant.id, "pw_base_workstations", "2026-11-20")).toBe("50.0000");
    expect(await snapshot(tenant.id, "pw_base_adv_dr_compute_points", "2026-11-20")).toBe("7200.0000");

    await setUsage("pw_base_workstations", 10);
    await setUsage("pw_base_adv_dr_compute_points", 3600);
    await setClock(at(2));
    await runUsageSync(db(), acronis, { kind: "scheduled", now: at(2) });
    expect(await snapshot(tenant.id, "pw_base_workstations", "2026-11-20")).toBe("50.0000");
    expect(await snapshot(tenant.id, "pw_base_adv_dr_compute_points", "2026-11-20")).toBe("3600.0000");
    // The lowered `last` value is the month's last value now.
    expect(await rollupMismatches()).toBe(0);
    await setClock(T);
  });

  it("one failing reseller is recorded and the others are synced", async () => {
    const [broken] = await db()
      .insert(resellers)
      .values({
        name: "Gone Partner",
        legalName: "Gone Partner Ltd",
        addressLine1: "1 Road",
        city: "Town",
        postalCode: "1000",
        country: "DE",
        currency: "EUR",
        billingEmail: "gone@example.test",
        internalTag: "usage-gone",
        acronisTenantId: "6f1c0b57-1111-4a2b-8c3d-9e8f7a6b5c4d",
      })
      .returning();
    try {
      const result = await runUsageSync(db(), acronis, { kind: "manual", now: T });
      expect(result.status).toBe("succeeded");
      expect(result.errors.map((e) => e.tenantId)).toEqual([broken!.acronisTenantId]);
      expect(result.tenants).toBe((await db().select().from(customers)).length);
    } finally {
      await db().delete(resellers).where(eq(resellers.id, broken!.id));
    }
  });

  it("month close fills a missing day without lowering existing values", async () => {
    const [alpha] = await db().select().from(customers).where(eq(customers.name, "Alpha GmbH"));
    const [storage] = await db().select().from(skus).where(eq(skus.code, "pw_base_storage"));
    // A day no sync saw, and a stored value above what the report says.
    await db().delete(usageSnapshots).where(eq(usageSnapshots.day, "2026-11-12"));
    await db()
      .insert(usageSnapshots)
      .values({ customerId: alpha!.id, skuId: storage!.id, day: "2026-11-13", value: "999999999999999" })
      .onConflictDoUpdate({
        target: [usageSnapshots.customerId, usageSnapshots.skuId, usageSnapshots.day],
        set: { value: "999999999999999" },
      });
    const result = await closeUsageMonth(db(), acronis, { period: "2026-11", now: T, reportPollMs: 20 });
    expect(result).toMatchObject({ status: "succeeded", from: "2026-11-01", to: "2026-11-19" });
    expect(result.rows).toBeGreaterThan(0);
    expect(await snapshot(alpha!.acronisTenantId, "pw_base_workstations", "2026-11-12")).toBeDefined();
    expect(await snapshot(alpha!.acronisTenantId, "pw_base_storage", "2026-11-13")).toBe(
      "999999999999999.0000",
    );
    const [run] = await db().select().from(usageSyncRuns).where(eq(usageSyncRuns.id, result.runId));
    expect(run).toMatchObject({ kind: "month_close", period: "2026-11-01", status: "succeeded" });

    expect(await rollupMismatches()).toBe(0);

    const again = await closeUsageMonth(db(), acronis, { period: "2026-11", now: T, reportPollMs: 20 });
    expect(again.rows).toBe(0);
    expect(await rollupMismatches()).toBe(0);
  });

  it("backfills history month by month", async () => {
    const results = await backfillUsageHistory(db(), acronis, {
      from: "2026-10-01",
      to: "2026-11-19",
      now: T,
      reportPollMs: 20,
    });
    expect(results.map((r) => [r.period, r.status, r.from, r.to])).toEqual([
      ["2026-10", "succeeded", "2026-10-01", "2026-10-31"],
      ["2026-11", "succeeded", "2026-11-01", "2026-11-19"],
    ]);
    const [alpha] = await db().select().from(customers).where(eq(customers.name, "Alpha GmbH"));
    expect(await snapshot(alpha!.acronisTenantId, "pw_base_workstations", "2026-10-15")).toBeDefined();
    expect(await rollupMismatches()).toBe(0);
  });

  it("the monthly rollup follows corrections, deletions and moves of daily values", async () => {
    // October's history (a no-op when the backfill test ran first).
    await closeUsageMonth(db(), acronis, { period: "2026-10", now: T, reportPollMs: 20 });
    const [alpha] = await db().select().from(customers).where(eq(customers.name, "Alpha GmbH"));
    // Two SKUs Alpha has October usage of on every day up to the 31st.
    const used = await db().execute<{ sku_id: string }>(sql`
      select sku_id from usage_snapshots
      where customer_id = ${alpha!.id} and day between '2026-10-30' and '2026-10-31'
      group by sku_id having count(*) = 2 order by sku_id limit 2`);
    expect(used).toHaveLength(2);
    const [stations, points] = [...used].map((row) => ({ id: row.sku_id }));
    const monthRow = async (skuId: string, month: string) => {
      const rows = await db().execute<{ peak: string; last_day: string; last_value: string }>(sql`
        select peak::text, last_day::text, last_value::text from usage_monthly
        where customer_id = ${alpha!.id} and sku_id = ${skuId} and month = ${month}::date`);
      return rows[0] ?? null;
    };
    const octoberDays = (skuId: string) =>
      and(
        eq(usageSnapshots.customerId, alpha!.id),
        eq(usageSnapshots.skuId, skuId),
        sql`${usageSnapshots.day} >= '2026-10-01' and ${usageSnapshots.day} < '2026-11-01'`,
      );
    // A day's value corrected downwards: the peak comes from the other days again.
    await db().update(usageSnapshots).set({ value: "1000000" }).where(octoberDays(stations!.id));
    await db()
      .update(usageSnapshots)
      .set({ value: "3" })
      .where(and(octoberDays(stations!.id), eq(usageSnapshots.day, "2026-10-31")));
    expect(await monthRow(stations!.id, "2026-10-01")).toEqual({
      peak: "1000000.0000",
      last_day: "2026-10-31",
      last_value: "3.0000",
    });
    // The last day deleted: the day before becomes the last one.
    await db()
      .delete(usageSnapshots)
      .where(and(octoberDays(points!.id), eq(usageSnapshots.day, "2026-10-31")));
    expect((await monthRow(points!.id, "2026-10-01"))?.last_day).toBe("2026-10-30");
    // A row moved to another month updates both months.
    await db()
      .update(usageSnapshots)
      .set({ day: "2026-09-30" })
      .where(and(octoberDays(stations!.id), eq(usageSnapshots.day, "2026-10-31")));
    expect((await monthRow(stations!.id, "2026-10-01"))?.last_day).toBe("2026-10-30");
    expect(await monthRow(stations!.id, "2026-09-01")).toEqual({
      peak: "3.0000",
      last_day: "2026-09-30",
      last_value: "3.0000",
    });
    // Every daily row of the month gone: so is the month.
    await db().delete(usageSnapshots).where(octoberDays(points!.id));
    expect(await monthRow(points!.id, "2026-10-01")).toBeNull();
    expect(await rollupMismatches()).toBe(0);
  });

  it.skipIf(!onPostgres)(
    "two transactions writing different days of one month leave the month exact (PostgreSQL only: PGlite runs one transaction at a time)",
    async () => {
      const client = globalThis.testDb.sql;
      const [alpha] = await db().select().from(customers).where(eq(customers.name, "Alpha GmbH"));
      const [stations] = await db().select().from(skus).where(eq(skus.code, "pw_base_workstations"));
      const insertDay = (tx: postgres.TransactionSql, day: string, value: number) =>
        tx`insert into usage_snapshots (customer_id, sku_id, day, value)
        values (${alpha!.id}, ${stations!.id}, ${day}, ${value})`;
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let firstWrote = () => {};
      const wrote = new Promise<void>((resolve) => {
        firstWrote = resolve;
      });
      // T1 writes the month's peak and stays open; T2 writes a later, lower day meanwhile and must wait for T1.
      const first = client.begin(async (tx) => {
        await insertDay(tx, "2025-01-05", 500);
        firstWrote();
        await held;
      });
      await wrote;
      const second = client.begin(async (tx) => {
        await insertDay(tx, "2025-01-06", 10);
      });
      await waitFor(async () => {
        const [row] = await client<{ n: number }[]>`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`;
        return (row?.n ?? 0) > 0;
      });
      release();
      await Promise.all([first, second]);
      const [month] = await db().execute<{ peak: string; last_day: string; last_value: string }>(sql`
      select peak::text, last_day::text, last_value::text from usage_monthly
      where customer_id = ${alpha!.id} and sku_id = ${stations!.id} and month = '2025-01-01'`);
      expect(month).toEqual({ peak: "500.0000", last_day: "2025-01-06", last_value: "10.0000" });
      expect(await rollupMismatches()).toBe(0);
    },
  );

  it("the scheduler syncs on start and on demand", async () => {
    const scheduledRuns = async () =>
      (await db().select().from(usageSyncRuns).where(eq(usageSyncRuns.kind, "scheduled"))).filter(
        (r) => r.status === "succeeded",
      ).length;
    const scheduledBefore = await scheduledRuns();
    const queue = await startJobQueue({
      connectionString: globalThis.testDb.url,
      maintenanceIntervalSeconds: 1,
    });
    const scheduler = await startUsageSyncScheduler({ db: db(), queue, acronis, queuePollingSeconds: 0.5 });
    try {
      await waitFor(async () => (await scheduledRuns()) > scheduledBefore);
      const manualBefore = (await db().select().from(usageSyncRuns).where(eq(usageSyncRuns.kind, "manual")))
        .length;
      expect(await scheduler.requestSync()).toBeTruthy();
      await waitFor(async () => {
        const manual = await db().select().from(usageSyncRuns).where(eq(usageSyncRuns.kind, "manual"));
        return manual.filter((r) => r.status === "succeeded").length > manualBefore;
      });
    } finally {
      await scheduler.stop();
      await queue.stop();
    }
  });
});
