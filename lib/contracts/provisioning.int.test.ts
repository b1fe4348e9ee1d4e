import { beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "@/db/seed";
import { orderContract } from "./order";
import { markProvisioned, markProvisioningFailed, retryProvisioning } from "./provisioning";
import { admin, db, eventsOf, expectRefusal, getContract, jobsOf, newReseller, owner } from "./test-support";

const today = "2026-11-24";

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${today}T00:00:00Z`) });
});

const order = async (trial = false) =>
  orderContract(db(), {
    resellerId: await newReseller(),
    tierCode: "T2",
    currency: "USD",
    trial,
    actor: owner,
    today,
  });

describe("provisioning outcome", () => {
  it("moves pending to the target state and bumps the version", async () => {
    const trial = await order(true);
    const done = await markProvisioned(db(), { contractId: trial.id, actor: admin, today });
    expect(done).toMatchObject({ state: "trial", version: trial.version + 1 });
    await expectRefusal(
      markProvisioned(db(), { contractId: trial.id, actor: admin, today }),
      "conflict",
      "it is in trial",
    );
  });

  it("records a failure with its step and error, and a retry queues a new job", async () => {
    const contract = await order();
    const failed = await markProvisioningFailed(db(), {
      contractId: contract.id,
      step: "create_admin_user",
      error: "409 login already taken",
      actor: admin,
      today,
    });
    expect(failed.state).toBe("provisioning_failed");
    const event = (await eventsOf(contract.id)).find((e) => e.event === "provisioning_failed");
    expect(event?.data).toMatchObject({ step: "create_admin_user", error: "409 login already taken" });
    await expectRefusal(
      markProvisioned(db(), { contractId: contract.id, actor: admin, today }),
      "conflict",
      "failed setup",
    );

    const { contract: retried, jobId } = await retryProvisioning(db(), {
      contractId: contract.id,
      actor: admin,
      today,
    });
    expect(retried.state).toBe("pending");
    const jobs = await jobsOf(contract.id);
    expect(jobs.map((j) => j.kind)).toEqual(["provision", "provision"]);
    expect(jobs.some((j) => j.id === jobId)).toBe(true);
    await expectRefusal(
      retryProvisioning(db(), { contractId: contract.id, actor: admin, today }),
      "conflict",
      "being set up",
    );
    expect((await markProvisioned(db(), { contractId: contract.id, actor: admin, today })).state).toBe(
      "active",
    );
    expect((await getContract(contract.id)).paidStart).toBe(today);
  });
});
