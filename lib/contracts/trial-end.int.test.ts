import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { resumeContract } from "./suspend";
import {
  admin,
  db,
  eventsOf,
  expectRefusal,
  getContract,
  jobsOf,
  liveContract,
  owner,
  updateSettings,
} from "./test-support";
import { runLifecycleTick } from "./tick";
import { convertTrial } from "./trial";

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

async function outbox(resellerId: string) {
  return db().select().from(s.emailOutbox).where(eq(s.emailOutbox.resellerId, resellerId));
}

describe("trial end at the tick", () => {
  it("sends the 7, 3 and 1-day reminders to the billing email, each once", async () => {
    const contract = await trial();
    const [reseller] = await db().select().from(s.resellers).where(eq(s.resellers.id, contract.resellerId));
    for (const day of [
      "2026-12-16",
      "2026-12-17",
      "2026-12-17",
      "2026-12-18",
      "2026-12-21",
      "2026-12-22",
      "2026-12-23",
      "2026-12-23",
    ]) {
      await runLifecycleTick(db(), { today: day });
    }
    const mails = await outbox(contract.resellerId);
    expect(mails.map((m) => m.template)).toEqual([
      "trial_reminder_7",
      "trial_reminder_3",
      "trial_reminder_1",
    ]);
    expect(mails.every((m) => m.to === reseller!.billingEmail)).toBe(true);
    expect(mails[2]?.subject).toContain("ends in 1 day");
    expect((await eventsOf(contract.id)).filter((e) => e.event.startsWith("trial_reminder_"))).toHaveLength(
      3,
    );
  });

  it("policy suspend: suspended with a suspend job, convertible during the grace, cancelled after it", async () => {
    const contract = await trial();
    const tick = await runLifecycleTick(db(), { today: "2026-12-24" });
    expect(tick.trialsEnded).toContain(contract.id);
    expect((await getContract(contract.id)).state).toBe("suspended");
    expect((await jobsOf(contract.id)).map((j) => j.kind)).toContain("suspend");
    await expectRefusal(
      resumeContract(db(), { contractId: contract.id, reason: "paid", actor: admin, today: "2026-12-25" }),
      "conflict",
      "convert it",
    );

    expect((await runLifecycleTick(db(), { today: "2027-01-06" })).graceCancelled).not.toContain(contract.id);
    const grace = await runLifecycleTick(db(), { today: "2027-01-07" });
    expect(grace.graceCancelled).toContain(contract.id);
    expect((await getContract(contract.id)).state).toBe("cancelled");
    expect((await jobsOf(contract.id)).map((j) => j.kind)).toEqual(["provision", "suspend", "cancel"]);

    const late = await trial();
    await runLifecycleTick(db(), { today: "2026-12-24" });
    await expectRefusal(
      convert(late.id, "next_month", { today: "2026-12-26" }),
      "conflict",
      "only be converted now",
    );
    const converted = await convert(late.id, "now", { today: "2026-12-26" });
    expect(converted).toMatchObject({ state: "active", paidStart: "2026-12-26", suspendedAt: null });
    expect((await jobsOf(late.id)).map((j) => j.kind)).toEqual(["provision", "suspend", "resume", "convert"]);
  });

  it("policy convert: active and paid from the trial end, with the default ramp-up", async () => {
    await updateSettings({ trialEndPolicy: "convert", rampUpDefaultCycles: 1 });
    const contract = await trial();
    const tick = await runLifecycleTick(db(), { today: "2026-12-26" });
    expect(tick.trialsEnded).toContain(contract.id);
    expect(await getContract(contract.id)).toMatchObject({
      state: "active",
      paidStart: "2026-12-24",
      rampUpCycles: 1,
      isTrial: false,
    });
    expect((await jobsOf(contract.id)).map((j) => j.kind)).toEqual(["provision", "convert"]);
  });

  it("is idempotent: a second run on the same day changes nothing", async () => {
    await trial();
    const first = await runLifecycleTick(db(), { today: "2026-12-24" });
    const versions = await db()
      .select({ id: s.contracts.id, version: s.contracts.version })
      .from(s.contracts);
    const jobs = await db().select().from(s.provisioningJobs);
    const second = await runLifecycleTick(db(), { today: "2026-12-24" });
    expect(first.trialsEnded.length).toBeGreaterThan(0);
    expect(second).toEqual({
      today: "2026-12-24",
      cancelled: [],
      converted: [],
      downgraded: [],
      trialsEnded: [],
      graceCancelled: [],
      reminders: [],
      failed: [],
    });
    expect(await db().select({ id: s.contracts.id, version: s.contracts.version }).from(s.contracts)).toEqual(
      versions,
    );
    expect(await db().select().from(s.provisioningJobs)).toHaveLength(jobs.length);
  });
});
