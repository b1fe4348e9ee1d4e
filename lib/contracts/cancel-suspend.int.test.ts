import { beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "@/db/seed";
import { cancelContract, cancelImmediately, withdrawCancellation } from "./cancel";
import { orderContract } from "./order";
import { resumeContract, suspendContract } from "./suspend";
import {
  admin,
  db,
  expectRefusal,
  getContract,
  jobsOf,
  liveContract,
  newReseller,
  owner,
} from "./test-support";
import { runLifecycleTick } from "./tick";
import { scheduleDowngrade, upgradeTier } from "./tier-change";

const today = "2026-11-24";

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${today}T00:00:00Z`) });
});

const cancel = (contractId: string, day = today) =>
  cancelContract(db(), { contractId, actor: owner, today: day });

describe("cancelContract (reseller)", () => {
  it("ends a paid contract at the end of the month; the tick closes it on the 1st", async () => {
    const contract = await liveContract({ tierCode: "T2", today: "2026-10-02" });
    const cancelling = await cancel(contract.id);
    expect(cancelling).toMatchObject({ state: "active", endDate: "2026-12-01" });
    expect(cancelling.cancelRequestedAt).not.toBeNull();
    await expectRefusal(cancel(contract.id), "conflict", "already being cancelled; it ends on 1 Dec 2026");

    expect((await runLifecycleTick(db(), { today: "2026-11-30" })).cancelled).not.toContain(contract.id);
    expect((await runLifecycleTick(db(), { today: "2026-12-01" })).cancelled).toContain(contract.id);
    expect(await getContract(contract.id)).toMatchObject({ state: "cancelled", endDate: "2026-12-01" });
    expect((await jobsOf(contract.id)).map((j) => j.kind)).toEqual(["provision", "cancel"]);
    await expectRefusal(cancel(contract.id), "conflict", "it is cancelled");
  });

  it("withdraws a pending downgrade, and the cancellation itself can be withdrawn before its end", async () => {
    const contract = await liveContract({ tierCode: "T3", today });
    await scheduleDowngrade(db(), { contractId: contract.id, tierCode: "T1", actor: owner, today });
    await cancel(contract.id);
    const withdrawn = await withdrawCancellation(db(), {
      contractId: contract.id,
      actor: owner,
      today: "2026-11-30",
    });
    expect(withdrawn).toMatchObject({ state: "active", endDate: null, cancelRequestedAt: null });
    await expectRefusal(
      withdrawCancellation(db(), { contractId: contract.id, actor: owner, today }),
      "conflict",
      "not being cancelled",
    );
    expect((await runLifecycleTick(db(), { today: "2026-12-01" })).downgraded).not.toContain(contract.id);
  });

  it("refuses to withdraw a cancellation on or after its end date", async () => {
    const contract = await liveContract({ tierCode: "T1", today });
    await cancel(contract.id);
    await expectRefusal(
      withdrawCancellation(db(), { contractId: contract.id, actor: owner, today: "2026-12-01" }),
      "conflict",
      "took effect on 1 Dec 2026",
    );
  });

  it("cancels a trial or a contract never provisioned at once, billing nothing", async () => {
    const trial = await liveContract({ tierCode: "T1", today, trial: true });
    expect(await cancel(trial.id)).toMatchObject({ state: "cancelled", endDate: today });
    const resellerId = await newReseller();
    const pending = await orderContract(db(), {
      resellerId,
      tierCode: "T1",
      currency: "USD",
      trial: false,
      actor: owner,
      today: "2026-11-20",
    });
    expect(await cancel(pending.id)).toMatchObject({ state: "cancelled", endDate: "2026-11-20" });
    // The reseller may order again once the old contract is cancelled.
    const again = await orderContract(db(), {
      resellerId,
      tierCode: "T2",
      currency: "USD",
      trial: false,
      actor: owner,
      today,
    });
    expect(again.state).toBe("pending");
  });
});

describe("cancelImmediately (admin)", () => {
  it("ends after today (today is billed), cancelled now, cancel job; needs a reason", async () => {
    const contract = await liveContract({ tierCode: "T2", today: "2026-10-02" });
    await expectRefusal(
      cancelImmediately(db(), { contractId: contract.id, reason: "", actor: admin, today }),
      "validation",
      "reason",
    );
    const cancelled = await cancelImmediately(db(), {
      contractId: contract.id,
      reason: "fraud",
      actor: admin,
      today,
    });
    expect(cancelled).toMatchObject({ state: "cancelled", endDate: "2026-11-25" });
    expect((await jobsOf(contract.id)).map((j) => j.kind)).toEqual(["provision", "cancel"]);
    await expectRefusal(
      cancelImmediately(db(), { contractId: contract.id, reason: "again", actor: admin, today }),
      "conflict",
      "it is cancelled",
    );
  });
});

describe("suspend and resume (admin)", () => {
  it("suspends an active contract and resumes it, with jobs and reasons; end date untouched", async () => {
    const contract = await liveContract({ tierCode: "T2", today });
    await expectRefusal(
      suspendContract(db(), { contractId: contract.id, reason: " ", actor: admin, today }),
      "validation",
      "reason",
    );
    const suspended = await suspendContract(db(), {
      contractId: contract.id,
      reason: "invoice overdue",
      actor: admin,
      today,
    });
    expect(suspended).toMatchObject({ state: "suspended", endDate: null });
    expect(suspended.suspendedAt).not.toBeNull();
    await expectRefusal(
      suspendContract(db(), { contractId: contract.id, reason: "x", actor: admin, today }),
      "conflict",
      "it is suspended",
    );
    const resumed = await resumeContract(db(), {
      contractId: contract.id,
      reason: "paid",
      actor: admin,
      today,
    });
    expect(resumed).toMatchObject({ state: "active", suspendedAt: null });
    await expectRefusal(
      resumeContract(db(), { contractId: contract.id, reason: "x", actor: admin, today }),
      "conflict",
      "it is active",
    );
    expect((await jobsOf(contract.id)).map((j) => j.kind)).toEqual(["provision", "suspend", "resume"]);
  });

  it("refuses to suspend a cancelled contract, or one still being set up", async () => {
    const contract = await liveContract({ tierCode: "T1", today });
    await cancelImmediately(db(), { contractId: contract.id, reason: "closed", actor: admin, today });
    await expectRefusal(
      suspendContract(db(), { contractId: contract.id, reason: "x", actor: admin, today }),
      "conflict",
      "You cannot suspend the contract: it is cancelled.",
    );
    const pending = await orderContract(db(), {
      resellerId: await newReseller(),
      tierCode: "T1",
      currency: "USD",
      trial: false,
      actor: owner,
      today,
    });
    await expectRefusal(
      suspendContract(db(), { contractId: pending.id, reason: "x", actor: admin, today }),
      "conflict",
      "being set up",
    );
    await expectRefusal(
      upgradeTier(db(), { contractId: pending.id, tierCode: "T2", actor: owner, today }),
      "conflict",
      "You cannot upgrade the tier: it is still being set up in Acronis.",
    );
  });

  it("a suspended contract can be cancelled by the reseller and is closed by the tick", async () => {
    const contract = await liveContract({ tierCode: "T1", today });
    await suspendContract(db(), { contractId: contract.id, reason: "unpaid", actor: admin, today });
    expect(await cancel(contract.id)).toMatchObject({ state: "suspended", endDate: "2026-12-01" });
    await runLifecycleTick(db(), { today: "2026-12-01" });
    expect((await getContract(contract.id)).state).toBe("cancelled");
  });
});
