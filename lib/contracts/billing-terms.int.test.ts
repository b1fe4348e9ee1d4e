import { beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "@/db/seed";
import { type RatingInput, ratePeriod } from "@/lib/billing";
import { getBillingTerms } from "./billing-terms";
import { db, liveContract, owner } from "./test-support";
import { runLifecycleTick } from "./tick";
import { scheduleDowngrade, upgradeTier } from "./tier-change";
import { convertTrial } from "./trial";
import { getContractView, listAllowedTierChanges } from "./view";

const today = "2026-11-24";

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${today}T00:00:00Z`) });
});

const commitments: RatingInput["tiers"] = [
  ["T0", "0"],
  ["T1", "250"],
  ["T2", "1000"],
  ["T3", "2500"],
  ["T4", "10000"],
  ["T5", "25000"],
].map(([code, usd]) => ({ code: code!, commitment: { USD: usd! } }));

function rate(contract: RatingInput["contract"], period: string) {
  const input: RatingInput = {
    period,
    currency: "USD",
    contract,
    tiers: commitments,
    skus: [],
    prices: [],
    distributorDiscountPercent: "0",
    resellerAdjustment: null,
    fxRates: [],
    taxRatePercent: "0",
    usage: [],
  };
  const result = ratePeriod(input);
  if (!result.billable) throw new Error(`${period} is not billable`);
  return result;
}

describe("getBillingTerms", () => {
  it("gives lib/billing the tier in force: an upgrade governs its month, a downgrade the next", async () => {
    const up = await liveContract({ tierCode: "T2", today: "2026-11-03" });
    await upgradeTier(db(), { contractId: up.id, tierCode: "T3", actor: owner, today: "2026-11-20" });
    const down = await liveContract({ tierCode: "T4", today: "2026-10-15" });
    await scheduleDowngrade(db(), { contractId: down.id, tierCode: "T1", actor: owner, today: "2026-11-10" });
    await runLifecycleTick(db(), { today: "2026-12-01" });

    const terms = await getBillingTerms(db(), [up.id, down.id]);
    expect(terms.get(up.id)).toEqual({
      paidStart: "2026-11-03",
      endDate: null,
      rampUpCycles: 0,
      tiers: [
        { from: "2026-11-03", tier: "T2" },
        { from: "2026-11-20", tier: "T3" },
      ],
      currency: "USD",
      state: "active",
    });
    const upNov = rate(terms.get(up.id)!, "2026-11");
    expect(upNov).toMatchObject({ tier: "T3", activeDays: 28, commitment: "2333.33" });

    const downTerms = terms.get(down.id)!;
    expect(rate(downTerms, "2026-10")).toMatchObject({ tier: "T4", activeDays: 17 });
    expect(rate(downTerms, "2026-11")).toMatchObject({ tier: "T4", commitment: "10000.00" });
    expect(rate(downTerms, "2026-12")).toMatchObject({ tier: "T1", commitment: "250.00" });
  });

  it("keeps the last change of a day, leaves out never-paid contracts, and filters by period", async () => {
    const sameDay = await liveContract({ tierCode: "T1", today: "2026-11-05" });
    await upgradeTier(db(), { contractId: sameDay.id, tierCode: "T2", actor: owner, today: "2026-11-05" });
    await upgradeTier(db(), { contractId: sameDay.id, tierCode: "T4", actor: owner, today: "2026-11-05" });
    const trial = await liveContract({ tierCode: "T2", today, trial: true });
    const converted = await liveContract({ tierCode: "T2", today: "2026-11-02", trial: true });
    await upgradeTier(db(), { contractId: converted.id, tierCode: "T3", actor: owner, today: "2026-11-10" });
    await convertTrial(db(), {
      contractId: converted.id,
      when: "now",
      rampUpCycles: 1,
      actor: owner,
      today: "2026-11-16",
    });

    const terms = await getBillingTerms(db(), [sameDay.id, trial.id, converted.id]);
    expect(terms.get(sameDay.id)?.tiers).toEqual([{ from: "2026-11-05", tier: "T4" }]);
    expect(terms.has(trial.id)).toBe(false);
    const conv = terms.get(converted.id)!;
    expect(conv).toMatchObject({ paidStart: "2026-11-16", rampUpCycles: 1 });
    expect(rate(conv, "2026-11")).toMatchObject({ tier: "T3", rampUpWaived: true, activeDays: 15 });

    expect([...(await getBillingTerms(db(), [sameDay.id], "2026-10")).keys()]).toEqual([]);
    expect([...(await getBillingTerms(db(), [sameDay.id], "2026-11")).keys()]).toEqual([sameDay.id]);
    expect((await getBillingTerms(db(), [])).size).toBe(0);
  });
});

describe("getContractView and listAllowedTierChanges", () => {
  it("shows the tier, allowed moves with commitments, the pending change and ramp-up status", async () => {
    const contract = await liveContract({ tierCode: "T2", today: "2026-11-02", rampUpCycles: 1 });
    const allowed = await listAllowedTierChanges(db(), contract.id);
    expect(allowed.upgrades.map((t) => t.code)).toEqual(["T3", "T4", "T5"]);
    expect(allowed.downgrades.map((t) => t.code)).toEqual(["T0", "T1"]);
    expect(allowed.upgrades[0]).toMatchObject({ name: "Tier 3", commitmentUsd: "2500.0000" });

    await scheduleDowngrade(db(), { contractId: contract.id, tierCode: "T1", actor: owner, today });
    const view = await getContractView(db(), { contractId: contract.id, today });
    expect(view.tier.code).toBe("T2");
    expect(view.pendingChange).toMatchObject({ effectiveOn: "2026-12-01", toTier: { code: "T1" } });
    expect(view.allowed.downgrades).toEqual([]);
    expect(view.rampUp).toEqual({ cycles: 1, currentCycle: 1, inRampUp: true, overridden: false });
    expect(view.trialDaysLeft).toBeNull();
    expect(view.events.map((e) => e.event)).toContain("downgrade_scheduled");
  });

  it("offers a trial only trial tiers, and counts its days left", async () => {
    const trial = await liveContract({ tierCode: "T1", today, trial: true });
    const view = await getContractView(db(), { contractId: trial.id, today: "2026-12-20" });
    expect(view.trialDaysLeft).toBe(4);
    expect(view.allowed.upgrades.every((t) => t.trialAllowed)).toBe(true);
    expect(view.rampUp.currentCycle).toBeNull();
  });
});
