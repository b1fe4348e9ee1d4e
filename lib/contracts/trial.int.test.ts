import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { orderContract } from "./order";
import { overrideRampUp } from "./ramp-up";
import {
  admin,
  db,
  expectRefusal,
  getContract,
  historyOf,
  jobsOf,
  liveContract,
  newReseller,
  owner,
  updateSettings,
} from "./test-support";
import { runLifecycleTick } from "./tick";
import { cancelScheduledConversion, convertTrial } from "./trial";

const today = "2026-11-24";

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${today}T00:00:00Z`) });
});
afterEach(async () => {
  await updateSettings({
    trialEndPolicy: "suspend",
    trialGraceDays: 14,
    rampUpMaxCycles: 1,
    rampUpDefaultCycles: 0,
  });
});

const trial = () => liveContract({ tierCode: "T2", today, trial: true });
const convert = (
  contractId: string,
  when: "now" | "next_month",
  extra: { today?: string; rampUpCycles?: number } = {},
) => convertTrial(db(), { contractId, when, actor: owner, today, ...extra });

describe("convertTrial", () => {
  it("now: active and paid from today, conversion history, convert job", async () => {
    const contract = await trial();
    const converted = await convert(contract.id, "now", { today: "2026-12-03", rampUpCycles: 1 });
    expect(converted).toMatchObject({
      state: "active",
      isTrial: false,
      paidStart: "2026-12-03",
      rampUpCycles: 1,
    });
    expect((await historyOf(contract.id)).map((h) => h.kind)).toEqual(["order", "conversion"]);
    expect((await jobsOf(contract.id)).map((j) => j.kind)).toEqual(["provision", "convert"]);
  });

  it("next_month: scheduled for the 1st, applied by the tick, and 'now' still works before it", async () => {
    const contract = await trial();
    const scheduled = await convert(contract.id, "next_month");
    expect(scheduled).toMatchObject({ state: "trial", conversionScheduledOn: "2026-12-01" });
    await expectRefusal(convert(contract.id, "next_month"), "conflict", "already scheduled for 1 Dec 2026");

    const tick = await runLifecycleTick(db(), { today: "2026-12-01" });
    expect(tick.converted).toContain(contract.id);
    expect(await getContract(contract.id)).toMatchObject({
      state: "active",
      paidStart: "2026-12-01",
      conversionScheduledOn: null,
    });

    const other = await trial();
    await convert(other.id, "next_month");
    expect(await convert(other.id, "now")).toMatchObject({
      state: "active",
      paidStart: today,
      conversionScheduledOn: null,
    });
  });

  it("cancelScheduledConversion withdraws it; the trial then ends by policy", async () => {
    const contract = await trial();
    await convert(contract.id, "next_month");
    expect(
      (await cancelScheduledConversion(db(), { contractId: contract.id, actor: owner, today }))
        .conversionScheduledOn,
    ).toBeNull();
    await expectRefusal(
      cancelScheduledConversion(db(), { contractId: contract.id, actor: owner, today }),
      "conflict",
      "No conversion",
    );
  });

  it("a scheduled conversion past the trial end keeps the trial running until the 1st", async () => {
    const contract = await trial(); // ends 24 Dec
    await convert(contract.id, "next_month", { today: "2026-12-10" });
    const tick = await runLifecycleTick(db(), { today: "2026-12-24" });
    expect(tick.trialsEnded).not.toContain(contract.id);
    expect((await getContract(contract.id)).state).toBe("trial");
    await runLifecycleTick(db(), { today: "2027-01-01" });
    expect(await getContract(contract.id)).toMatchObject({ state: "active", paidStart: "2027-01-01" });
  });

  it("refuses to convert a contract that is not a trial", async () => {
    const paid = await liveContract({ tierCode: "T1", today });
    await expectRefusal(convert(paid.id, "now"), "conflict", "not a trial");
  });

  it("refuses a ramp-up over the policy maximum at conversion", async () => {
    const contract = await trial();
    await expectRefusal(convert(contract.id, "now", { rampUpCycles: 2 }), "validation", "at most 1 month");
  });
});

describe("overrideRampUp", () => {
  it("lets an admin exceed the policy during the trial, with a reason, and the conversion keeps it", async () => {
    const contract = await trial();
    await expectRefusal(
      overrideRampUp(db(), { contractId: contract.id, cycles: 3, reason: "  ", actor: admin, today }),
      "validation",
      "reason",
    );
    const overridden = await overrideRampUp(db(), {
      contractId: contract.id,
      cycles: 3,
      reason: "Partner deal",
      actor: admin,
      today,
    });
    expect(overridden).toMatchObject({ rampUpCycles: 3, rampUpOverrideReason: "Partner deal" });
    const audit = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entityId, contract.id), eq(s.auditLog.action, "contract.ramp_up_overridden")));
    expect(audit[0]?.data).toMatchObject({ from: 0, to: 3, policyMax: 1, reason: "Partner deal" });
    await expectRefusal(
      convert(contract.id, "now", { rampUpCycles: 1 }),
      "conflict",
      "administrator set the ramp-up",
    );
    expect((await convert(contract.id, "now")).rampUpCycles).toBe(3);
  });

  it("is allowed on a paid order still being provisioned", async () => {
    const pending = await orderContract(db(), {
      resellerId: await newReseller(),
      tierCode: "T2",
      currency: "USD",
      trial: false,
      actor: owner,
      today,
    });
    const overridden = await overrideRampUp(db(), {
      contractId: pending.id,
      cycles: 2,
      reason: "Migration deal",
      actor: admin,
      today,
    });
    expect(overridden).toMatchObject({ state: "pending", rampUpCycles: 2 });
  });

  it("is refused once the contract runs paid: ramp-up is never added later", async () => {
    const paid = await liveContract({ tierCode: "T2", today });
    await expectRefusal(
      overrideRampUp(db(), { contractId: paid.id, cycles: 1, reason: "late deal", actor: admin, today }),
      "conflict",
      "never added later",
    );
  });
});
