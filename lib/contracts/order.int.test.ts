import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { orderContract } from "./order";
import { isUniqueViolation } from "./store";
import {
  db,
  eventsOf,
  expectRefusal,
  getContract,
  historyOf,
  jobsOf,
  newReseller,
  owner,
  updateSettings,
} from "./test-support";

const today = "2026-11-24";

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${today}T00:00:00Z`) });
});

const order = (resellerId: string, extra: Partial<Parameters<typeof orderContract>[1]> = {}) =>
  orderContract(db(), {
    resellerId,
    tierCode: "T2",
    currency: "USD",
    trial: false,
    actor: owner,
    today,
    ...extra,
  });

describe("orderContract", () => {
  it("creates a paid contract pending, paid from today, with history, event, audit and a provision job", async () => {
    const resellerId = await newReseller();
    const contract = await order(resellerId, { currency: "EUR" });
    expect(contract).toMatchObject({
      state: "pending",
      targetState: "active",
      paidStart: today,
      rampUpCycles: 0,
      isTrial: false,
    });
    expect(await historyOf(contract.id)).toEqual([{ from: today, kind: "order", tier: "T2" }]);
    expect(await eventsOf(contract.id)).toMatchObject([
      { fromState: null, toState: "pending", event: "ordered" },
    ]);
    expect(await jobsOf(contract.id)).toMatchObject([
      {
        kind: "provision",
        status: "queued",
        params: { tierCode: "T2", pricingMode: "production", currency: "EUR" },
      },
    ]);
    const audit = await db().select().from(s.auditLog).where(eq(s.auditLog.entityId, contract.id));
    expect(audit.map((a) => a.action)).toEqual(["contract.ordered"]);
  });

  it("creates a trial ending after the trial days, within the Acronis window", async () => {
    const contract = await order(await newReseller(), { trial: true, tierCode: "T3" });
    expect(contract).toMatchObject({
      targetState: "trial",
      isTrial: true,
      trialStartedOn: today,
      trialEndsOn: "2026-12-24",
      paidStart: null,
    });
    expect((await jobsOf(contract.id))[0]?.params).toMatchObject({ pricingMode: "trial" });
  });

  it("clamps a trial that Acronis would end first", async () => {
    const contract = await order(await newReseller(), { trial: true, today: "2026-02-01" });
    expect(contract.trialEndsOn).toBe("2026-02-28");
    expect((await eventsOf(contract.id))[0]?.data).toMatchObject({ trialEndClamped: true });
  });

  it("takes the ramp-up default from the settings and accepts up to the policy maximum", async () => {
    await updateSettings({ rampUpDefaultCycles: 1 });
    expect((await order(await newReseller())).rampUpCycles).toBe(1);
    await updateSettings({ rampUpDefaultCycles: 0 });
    expect((await order(await newReseller(), { rampUpCycles: 1 })).rampUpCycles).toBe(1);
  });

  it("refuses a ramp-up over the policy maximum", async () => {
    await expectRefusal(order(await newReseller(), { rampUpCycles: 3 }), "validation", "at most 1 month");
  });

  it("refuses a ramp-up on a trial", async () => {
    await expectRefusal(
      order(await newReseller(), { trial: true, rampUpCycles: 1 }),
      "validation",
      "A trial has no ramp-up",
    );
  });

  it("refuses a trial of Promo", async () => {
    await expectRefusal(
      order(await newReseller(), { trial: true, tierCode: "PROMO" }),
      "conflict",
      "Promo has no trial.",
    );
  });

  it("refuses a retired tier and a tier that is not orderable", async () => {
    await db().insert(s.tiers).values({
      code: "OLD",
      name: "Legacy",
      acronisTierLevelValue: 0,
      retiredAt: new Date(),
    });
    await db().insert(s.tiers).values({
      code: "HIDDEN",
      name: "Hidden",
      acronisTierLevelValue: 0,
      orderable: false,
    });
    await expectRefusal(
      order(await newReseller(), { tierCode: "OLD" }),
      "conflict",
      "Legacy can no longer be ordered.",
    );
    await expectRefusal(
      order(await newReseller(), { tierCode: "HIDDEN" }),
      "conflict",
      "Hidden can no longer be ordered.",
    );
    await expectRefusal(
      order(await newReseller(), { tierCode: "NOPE" }),
      "not_found",
      'There is no tier "NOPE".',
    );
  });

  it("refuses a second live contract, also when two orders race", async () => {
    const resellerId = await newReseller();
    await order(resellerId);
    await expectRefusal(order(resellerId, { tierCode: "T1" }), "conflict", "already has a live contract");
    const racer = await newReseller();
    const results = await Promise.allSettled([order(racer), order(racer, { tierCode: "T3" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.message).toContain("already has a live contract");
  });

  it("recognises the database's one-live-contract violation, which the service maps to the same refusal", async () => {
    const resellerId = await newReseller();
    const first = await order(resellerId);
    const { id: _id, ...copy } = await getContract(first.id);
    const error = await db()
      .insert(s.contracts)
      .values(copy)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(error, "contracts_one_live_per_reseller")).toBe(true);
    expect(isUniqueViolation(error, "another_constraint")).toBe(false);
  });

  it("refuses a bad currency and an unknown or closed reseller", async () => {
    await expectRefusal(order(await newReseller(), { currency: "usd" }), "validation", "3-letter");
    await expectRefusal(
      order("00000000-0000-4000-a000-000000000000"),
      "not_found",
      "reseller does not exist",
    );
    const closed = await newReseller();
    await db().update(s.resellers).set({ status: "closed" }).where(eq(s.resellers.id, closed));
    await expectRefusal(order(closed), "forbidden", "closed");
  });
});
