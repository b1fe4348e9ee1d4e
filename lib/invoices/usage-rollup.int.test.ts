import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { systemActor } from "@/lib/audit";
import { loadRunCatalogue, startBillingRun } from "./billing-run";
import { type LoadedContract, loadContractInputs } from "./contract-loader";
import { listCoveredContractIds } from "./coverage";
import { rateLoadedContract } from "./rate-contracts";
import { invoicesOf, linesOf, rateFromRawSnapshots } from "./test-support";

const db = () => globalThis.testDb.db;
const PERIOD = "2026-10";

/** The seed's today: last month is closed. */
const TODAY = "2026-11-24";

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
});

/** A loaded contract with its usage rows in a fixed order (the two queries may return them in any order). */
function canonical(loaded: LoadedContract) {
  const usage = [...loaded.input.usage].sort((a, b) =>
    `${a.customer}|${a.sku}` < `${b.customer}|${b.sku}` ? -1 : 1,
  );
  return { ...loaded, input: { ...loaded.input, usage } };
}

async function loadBoth() {
  const catalogue = await loadRunCatalogue(db(), PERIOD);
  const ids = await listCoveredContractIds(db(), PERIOD, { after: null, limit: 1000 });
  const fromRollup = await loadContractInputs(db(), catalogue, ids);
  const fromDaily = await loadContractInputs(db(), catalogue, ids, { dailyOnly: true });
  return { catalogue, ids, fromRollup, fromDaily };
}

describe("monthly usage rollup in billing", () => {
  it("gives whole-month contracts exactly the inputs and invoices the daily snapshots give", async () => {
    const { catalogue, ids, fromRollup, fromDaily } = await loadBoth();
    expect(ids.length).toBeGreaterThan(0);
    expect(fromRollup.every((c) => c.input.usage.length > 0)).toBe(true);
    expect(fromRollup.map(canonical)).toEqual(fromDaily.map(canonical));
    for (const [i, loaded] of fromRollup.entries()) {
      const viaRollup = rateLoadedContract(catalogue, loaded);
      const viaDaily = rateLoadedContract(catalogue, fromDaily[i] as LoadedContract);
      expect(viaRollup?.lines).toEqual(viaDaily?.lines);
      expect(viaRollup?.result).toEqual(viaDaily?.result);
    }
  });

  it("reads whole months from the rollup (a changed rollup row changes the loaded peak)", async () => {
    const catalogue = await loadRunCatalogue(db(), PERIOD);
    const [contractId] = await listCoveredContractIds(db(), PERIOD, { after: null, limit: 1 });
    const [plain] = await loadContractInputs(db(), catalogue, [contractId!]);
    let bumped: LoadedContract | undefined;
    // Changed behind the triggers' back inside a transaction that is rolled back.
    await db()
      .transaction(async (tx) => {
        await tx.execute(sql`update usage_monthly set peak = peak + 1000 where month = '2026-10-01'`);
        [bumped] = await loadContractInputs(tx, catalogue, [contractId!]);
        tx.rollback();
      })
      .catch(() => {});
    const peaks = (loaded: LoadedContract | undefined) =>
      canonical(loaded!).input.usage.map((row) => Number(row.value));
    const before = peaks(plain);
    const after = peaks(bumped);
    expect(after.some((value, i) => value === (before[i] as number) + 1000)).toBe(true);
    const [again] = await loadContractInputs(db(), catalogue, [contractId!]);
    expect(canonical(again!)).toEqual(canonical(plain!));
  });

  it("a contract ending mid-month is drafted from the daily snapshots, as the engine rates them raw", async () => {
    const [contractId] = await listCoveredContractIds(db(), PERIOD, { after: null, limit: 1 });
    await db().update(s.contracts).set({ endDate: "2026-10-17" }).where(eq(s.contracts.id, contractId!));
    await startBillingRun(db(), { period: PERIOD, actor: systemActor, today: TODAY });
    const invoice = (await invoicesOf(db(), PERIOD)).find((i) => i.contractId === contractId);
    expect(invoice?.activeDays).toBe(16);
    const { result } = await rateFromRawSnapshots(db(), contractId!, PERIOD);
    if (!result.billable) throw new Error("expected billable");
    expect(invoice?.total).toBe(scale4(result.total));
    const stored = (await linesOf(db(), invoice!.id)).map(
      (l) => `${l.customerId}|${l.skuCode}|${l.quantity}`,
    );
    const engine = result.lines.flatMap((l) =>
      l.type === "usage" ? [`${l.customer}|${l.sku}|${l.quantity}`] : [],
    );
    expect(stored.filter((l) => !l.startsWith("null")).sort()).toEqual(engine.sort());
  });
});

function scale4(value: string): string {
  const [whole, fraction = ""] = value.split(".");
  return `${whole}.${fraction.padEnd(4, "0")}`;
}
