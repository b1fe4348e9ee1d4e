import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { cancelContract } from "./cancel";
import { suspendContract } from "./suspend";
import {
  admin,
  db,
  eventsOf,
  expectRefusal,
  getContract,
  historyOf,
  jobsOf,
  liveContract,
  owner,
} from "./test-support";
import { runLifecycleTick } from "./tick";
import { scheduleDowngrade, upgradeTier, withdrawDowngrade } from "./tier-change";

const today = "2026-11-24";

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${today}T00:00:00Z`) });
});

const upgrade = (contractId: string, tierCode: string, day = today) =>
  upgradeTier(db(), { contractId, tierCode, actor: owner, today: day });
const downgrade = (contractId: string, tierCode: string, day = today) =>
  scheduleDowngrade(db(), { contractId, tierCode, actor: owner, today: day });

async function tierId(code: string) {
  const [row] = await db().select().from(s.tiers).where(eq(s.tiers.code, code));
  return row!.id;
}

describe("upgradeTier", () => {
  it("is effective at once: history from today, tier switched, tier_change job, version bumped", async () => {
    const contract = await liveContract({ tierCode: "T2", today: "2026-11-03" });
    const upgraded = await upgrade(contract.id, "T3");
    expect(upgraded.tierId).toBe(await tierId("T3"));
    expect(upgraded.version).toBe(contract.version + 1);
    expect(await historyOf(contract.id)).toEqual([
      { from: "2026-11-03", kind: "order", tier: "T2" },
      { from: today, kind: "upgrade", tier: "T3" },
    ]);
    const jobs = await jobsOf(contract.id);
    expect(jobs.at(-1)).toMatchObject({
      kind: "tier_change",
      params: { fromTier: "T2", toTier: "T3", tierLevelValue: 2 },
    });
  });

  it("refuses a tier that is not an upgrade, or has no path, or is retired", async () => {
    const t4 = await liveContract({ tierCode: "T4", today });
    await expectRefusal(upgrade(t4.id, "T3"), "conflict", "Tier 3 is not an upgrade of Tier 4.");
    await expectRefusal(upgrade(t4.id, "T4"), "conflict", "already on Tier 4");

    const t1 = await liveContract({ tierCode: "T1", today });
    const [t1Id, t5Id] = [await tierId("T1"), await tierId("T5")];
    const path = and(eq(s.upgradePaths.fromTierId, t1Id), eq(s.upgradePaths.toTierId, t5Id));
    await db().delete(s.upgradePaths).where(path);
    await expectRefusal(upgrade(t1.id, "T5"), "conflict", "Tier 5 is not an upgrade of Tier 1.");
    await db().insert(s.upgradePaths).values({ fromTierId: t1Id, toTierId: t5Id });

    await db().update(s.tiers).set({ retiredAt: new Date() }).where(eq(s.tiers.id, t5Id));
    await expectRefusal(upgrade(t1.id, "T5"), "conflict", "Tier 5 can no longer be ordered.");
    await db().update(s.tiers).set({ retiredAt: null }).where(eq(s.tiers.id, t5Id));
    expect((await upgrade(t1.id, "T5")).tierId).toBe(t5Id);
  });

  it("upgrades Promo to a tier, and a trial to a trial tier", async () => {
    const promo = await liveContract({ tierCode: "PROMO", today });
    expect((await upgrade(promo.id, "T1")).tierId).toBe(await tierId("T1"));
    const trial = await liveContract({ tierCode: "T0", today, trial: true });
    expect(await upgrade(trial.id, "T2")).toMatchObject({ state: "trial", tierId: await tierId("T2") });
    expect((await jobsOf(trial.id)).map((j) => j.kind)).toEqual(["provision", "tier_change"]);
  });

  it("is refused while provisioning, suspended or being cancelled", async () => {
    const suspended = await liveContract({ tierCode: "T1", today });
    await suspendContract(db(), { contractId: suspended.id, reason: "unpaid", actor: admin, today });
    await expectRefusal(upgrade(suspended.id, "T2"), "conflict", "it is suspended");
    const leaving = await liveContract({ tierCode: "T1", today });
    await cancelContract(db(), { contractId: leaving.id, actor: owner, today });
    await expectRefusal(
      upgrade(leaving.id, "T2"),
      "conflict",
      "ends on 1 Dec 2026; withdraw the cancellation first",
    );
  });

  it("withdraws a pending downgrade automatically, audited", async () => {
    const contract = await liveContract({ tierCode: "T3", today });
    const change = await downgrade(contract.id, "T1");
    await upgrade(contract.id, "T4");
    const [row] = await db()
      .select()
      .from(s.contractPendingChanges)
      .where(eq(s.contractPendingChanges.id, change.id));
    expect(row?.status).toBe("withdrawn");
    const audit = await db().select().from(s.auditLog).where(eq(s.auditLog.entityId, contract.id));
    expect(audit.find((a) => a.action === "contract.downgrade_withdrawn")?.data).toMatchObject({
      reason: "superseded by an upgrade",
    });
  });
});

describe("scheduleDowngrade", () => {
  it("schedules for the 1st of next month, one at a time, withdrawable", async () => {
    const contract = await liveContract({ tierCode: "T3", today });
    const change = await downgrade(contract.id, "T1");
    expect(change).toMatchObject({
      effectiveOn: "2026-12-01",
      status: "pending",
      toTierId: await tierId("T1"),
    });
    expect((await getContract(contract.id)).tierId).toBe(await tierId("T3"));
    await expectRefusal(
      downgrade(contract.id, "T2"),
      "conflict",
      "A downgrade to Tier 1 is already scheduled for 1 Dec 2026; withdraw it first.",
    );
    await withdrawDowngrade(db(), { contractId: contract.id, actor: owner, today });
    await expectRefusal(
      withdrawDowngrade(db(), { contractId: contract.id, actor: owner, today }),
      "conflict",
      "No downgrade",
    );
    expect((await downgrade(contract.id, "T2")).status).toBe("pending");
    expect((await eventsOf(contract.id)).map((e) => e.event)).toEqual([
      "ordered",
      "provisioned",
      "downgrade_scheduled",
      "downgrade_withdrawn",
      "downgrade_scheduled",
    ]);
  });

  it("never goes to Promo, nor up, nor to a retired tier", async () => {
    const contract = await liveContract({ tierCode: "T3", today });
    await expectRefusal(downgrade(contract.id, "PROMO"), "conflict", "Nothing can be downgraded to Promo.");
    await expectRefusal(downgrade(contract.id, "T4"), "conflict", "Tier 4 is not a downgrade of Tier 3.");
    const t0 = await tierId("T0");
    await db().update(s.tiers).set({ orderable: false }).where(eq(s.tiers.id, t0));
    await expectRefusal(downgrade(contract.id, "T0"), "conflict", "Tier 0 can no longer be ordered.");
    await db().update(s.tiers).set({ orderable: true }).where(eq(s.tiers.id, t0));
  });

  it("is applied by the tick from the 1st, once, even when the tick runs late", async () => {
    const contract = await liveContract({ tierCode: "T3", today });
    const change = await downgrade(contract.id, "T1");
    expect((await runLifecycleTick(db(), { today: "2026-11-30" })).downgraded).not.toContain(contract.id);
    expect((await runLifecycleTick(db(), { today: "2026-12-03" })).downgraded).toContain(contract.id);
    expect((await runLifecycleTick(db(), { today: "2026-12-03" })).downgraded).toEqual([]);
    expect((await getContract(contract.id)).tierId).toBe(await tierId("T1"));
    expect((await historyOf(contract.id)).at(-1)).toEqual({
      from: "2026-12-01",
      kind: "downgrade",
      tier: "T1",
    });
    const [row] = await db()
      .select()
      .from(s.contractPendingChanges)
      .where(eq(s.contractPendingChanges.id, change.id));
    expect(row?.status).toBe("applied");
    expect((await jobsOf(contract.id)).filter((j) => j.kind === "tier_change")).toHaveLength(1);
  });
});
