import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contracts, provisioningJobs, provisioningSteps, resellers } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { AcronisClient } from "@/lib/acronis";
import type { Simulator } from "@/lib/acronis-sim";
import { contractCallbacks, contractRetry } from "@/lib/contracts/provisioning-hooks";
import { startJobQueue } from "@/lib/jobs";
import { processProvisioningJob, retryProvisioningJob, startProvisioningWorker } from "@/lib/provisioning";
import {
  createResellerWithContract,
  insertJob,
  requestCount,
  simState,
  startTestSimulator,
  waitFor,
} from "./test-support";

const db = () => globalThis.testDb.db;
/** The admin's Retry, through the contract as the app wires it. */
const retryJob = (jobId: string) => retryProvisioningJob(db(), jobId, contractRetry(db()));
let sim: Simulator;
let acronis: AcronisClient;

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  ({ sim, acronis } = await startTestSimulator());
});
afterAll(async () => {
  await sim?.stop();
});

const steps = (jobId: string) =>
  db()
    .select()
    .from(provisioningSteps)
    .where(eq(provisioningSteps.jobId, jobId))
    .orderBy(provisioningSteps.position);
const jobRow = async (jobId: string) =>
  (await db().select().from(provisioningJobs).where(eq(provisioningJobs.id, jobId)))[0]!;
const contractRow = async (id: string) =>
  (await db().select().from(contracts).where(eq(contracts.id, id)))[0]!;

async function expectProvisioned(tag: string, tierLevel: number, mode: "trial" | "production") {
  const state = await simState(sim);
  const partners = state.tenants.filter((t) => t.internal_tag === tag && !t.deleted);
  expect(partners).toHaveLength(1);
  const partner = partners[0]!;
  expect(partner.kind).toBe("partner");
  expect(partner.pricing_mode).toBe(mode);
  expect(partner.settings.tier_level_value).toBe(tierLevel);
  expect(partner.enabled_offering_items).toContain("pw_base_workstations");
  const users = state.users.filter((u) => u.tenant_id === partner.id && !u.deleted);
  expect(users).toHaveLength(1);
  expect(users[0]!.roles).toEqual(["partner_admin"]);
  const [reseller] = await db().select().from(resellers).where(eq(resellers.internalTag, tag));
  expect(reseller!.acronisTenantId).toBe(partner.id);
  expect(reseller!.acronisAdminUserId).toBe(users[0]!.id);
  return partner;
}

describe("provisioning", () => {
  it("resumes after the worker is killed mid-job, without repeating finished steps", async () => {
    const { contractId, tag, tierLevel } = await createResellerWithContract(db(), { trial: true });
    await sim.control("DELETE", "/requests");
    let killed!: () => void;
    const killedAt = new Promise<void>((resolve) => {
      killed = resolve;
    });
    const queueA = await startJobQueue({
      connectionString: globalThis.testDb.url,
      maintenanceIntervalSeconds: 1,
    });
    const workerA = await startProvisioningWorker({
      db: db(),
      queue: queueA,
      acronis,
      ...contractCallbacks,
      queuePollingSeconds: 0.5,
      retryDelaySeconds: 1,
      afterStep: async (step) => {
        if (step !== "set_billing_settings") return;
        killed();
        await new Promise(() => {}); // the process "dies" here: this call never returns
      },
    });
    const jobId = await insertJob(db(), contractId, "provision");
    await workerA.enqueuePending(); // insertJob writes the bare row: no NOTIFY, so hand it over as the sweep would
    await killedAt;
    void workerA.stop();
    await queueA.stop({ graceful: false });

    const before = await steps(jobId);
    expect(before.map((s) => [s.step, s.status])).toEqual([
      ["find_or_create_tenant", "succeeded"],
      ["set_pricing_mode", "succeeded"],
      ["set_billing_settings", "succeeded"],
    ]);
    expect((await jobRow(jobId)).status).toBe("running");

    const queueB = await startJobQueue({
      connectionString: globalThis.testDb.url,
      maintenanceIntervalSeconds: 1,
    });
    const workerB = await startProvisioningWorker({
      db: db(),
      queue: queueB,
      acronis,
      ...contractCallbacks,
      queuePollingSeconds: 0.5,
      retryDelaySeconds: 1,
    });
    try {
      await waitFor(async () => (await jobRow(jobId)).status === "succeeded");
    } finally {
      await workerB.stop();
      await queueB.stop();
    }

    await expectProvisioned(tag, tierLevel, "trial");
    const after = await steps(jobId);
    expect(after.map((s) => s.step)).toEqual([
      "find_or_create_tenant",
      "set_pricing_mode",
      "set_billing_settings",
      "enable_offering_items",
      "create_admin_user",
      "set_access_policy",
      "send_activation_email",
      "store_reseller_ids",
    ]);
    expect(after.every((s) => s.status === "succeeded" && s.attempts === 1)).toBe(true);
    expect(await requestCount(sim, "POST", /^\/api\/2\/tenants$/)).toBe(1);
    expect(await requestCount(sim, "PUT", /tier_level_value$/)).toBe(1);
    expect(await requestCount(sim, "POST", /^\/api\/2\/users$/)).toBe(1);
    expect(await requestCount(sim, "POST", /send-activation-email$/)).toBe(1);
    expect((await contractRow(contractId)).state).toBe("trial");
  });

  it("recovers a job whose worker died without a word, once pg-boss expires its lease", async () => {
    const { contractId, tag, tierLevel } = await createResellerWithContract(db(), { tierCode: "T4" });
    let hung!: () => void;
    const hungAt = new Promise<void>((resolve) => {
      hung = resolve;
    });
    const queueA = await startJobQueue({
      connectionString: globalThis.testDb.url,
      maintenanceIntervalSeconds: 1,
    });
    const workerA = await startProvisioningWorker({
      db: db(),
      queue: queueA,
      acronis,
      ...contractCallbacks,
      queuePollingSeconds: 0.5,
      retryDelaySeconds: 1,
      expireInSeconds: 2,
      afterStep: async (step) => {
        if (step !== "create_admin_user") return;
        hung();
        await new Promise(() => {}); // frozen: no failure is ever reported to pg-boss
      },
    });
    const jobId = await insertJob(db(), contractId, "provision");
    await workerA.enqueuePending();
    await hungAt;
    await workerA.stop(); // its poller stops; the frozen job stays `active` in pg-boss

    const queueB = await startJobQueue({
      connectionString: globalThis.testDb.url,
      maintenanceIntervalSeconds: 1,
    });
    const workerB = await startProvisioningWorker({
      db: db(),
      queue: queueB,
      acronis,
      ...contractCallbacks,
      queuePollingSeconds: 0.5,
      retryDelaySeconds: 1,
    });
    try {
      await waitFor(async () => (await jobRow(jobId)).status === "succeeded");
    } finally {
      await workerB.stop();
      await queueB.stop();
      await queueA.stop({ graceful: false });
    }
    await expectProvisioned(tag, tierLevel, "production");
    const after = await steps(jobId);
    expect(after.every((s) => s.status === "succeeded" && s.attempts === 1)).toBe(true);
  });

  it("records a permanent Acronis failure with its step, fails the contract, and succeeds on retry", async () => {
    const { contractId, tag, tierLevel } = await createResellerWithContract(db(), { tierCode: "T3" });
    await sim.control("DELETE", "/requests");
    await sim.control("POST", "/faults", {
      method: "POST",
      path: "/users",
      status: 403,
      count: null,
      body: { error: { code: 403, domain: "AccountServer", message: "Access denied (injected)" } },
    });
    const jobId = await insertJob(db(), contractId, "provision");
    const outcome = await processProvisioningJob(db(), acronis, jobId, contractCallbacks);
    expect(outcome.status).toBe("failed");

    const job = await jobRow(jobId);
    expect(job.status).toBe("failed");
    expect(job.lastError).toContain("create_admin_user");
    const failed = (await steps(jobId)).find((s) => s.step === "create_admin_user")!;
    expect(failed).toMatchObject({ status: "failed", errorStatus: 403, errorCode: "403" });
    expect(failed.errorMessage).toContain("Access denied");
    expect((await contractRow(contractId)).state).toBe("provisioning_failed");

    await sim.control("DELETE", "/faults");
    const retry = await retryJob(jobId);
    expect(retry.jobId).not.toBe(jobId);
    expect((await contractRow(contractId)).state).toBe("pending");
    expect((await processProvisioningJob(db(), acronis, retry.jobId, contractCallbacks)).status).toBe(
      "succeeded",
    );

    await expectProvisioned(tag, tierLevel, "production");
    expect((await contractRow(contractId)).state).toBe("active");
    // The retry started at the failed step: the tenant was created once, its settings written once.
    expect(await requestCount(sim, "POST", /^\/api\/2\/tenants$/)).toBe(1);
    expect(await requestCount(sim, "PUT", /tier_level_value$/)).toBe(1);
    const retried = await steps(retry.jobId);
    expect(retried.filter((s) => s.attempts > 0).map((s) => s.step)).toEqual([
      "create_admin_user",
      "set_access_policy",
      "send_activation_email",
      "store_reseller_ids",
    ]);
  });

  it("reuses the admin user an interrupted attempt created instead of creating a second", async () => {
    const { contractId, tag, tierLevel } = await createResellerWithContract(db(), { tierCode: "T5" });
    await sim.control("DELETE", "/requests");
    await sim.control("POST", "/faults", { method: "PUT", path: "/users/", status: 400, count: null });
    const jobId = await insertJob(db(), contractId, "provision");
    expect(await processProvisioningJob(db(), acronis, jobId, contractCallbacks)).toMatchObject({
      status: "failed",
      step: "set_access_policy",
    });
    // As if the worker died after saving the new user's id but before marking the step finished.
    await db()
      .update(provisioningSteps)
      .set({ status: "running", finishedAt: null })
      .where(and(eq(provisioningSteps.jobId, jobId), eq(provisioningSteps.step, "create_admin_user")));
    await sim.control("DELETE", "/faults");

    const retry = await retryJob(jobId);
    expect((await processProvisioningJob(db(), acronis, retry.jobId, contractCallbacks)).status).toBe(
      "succeeded",
    );
    await expectProvisioned(tag, tierLevel, "production");
    expect(await requestCount(sim, "POST", /^\/api\/2\/users$/)).toBe(1);
    const reused = (await steps(retry.jobId)).find((s) => s.step === "create_admin_user")!;
    expect(reused.output).toMatchObject({ reused: true });
  });

  it("reuses the admin user Acronis created when its answer was lost, on the admin's Retry", async () => {
    const { contractId, tag, tierLevel } = await createResellerWithContract(db(), { tierCode: "T2" });
    const login = `${tag}-admin`;
    await sim.control("DELETE", "/requests");
    // Acronis creates the user but neither its answer nor the answer to the client's own retry reaches us:
    // the job stops after the user exists and before its id was stored anywhere.
    await sim.control("POST", "/faults", {
      method: "POST",
      path: "/users",
      status: 504,
      count: 2,
      lose_answer: true,
    });
    const jobId = await insertJob(db(), contractId, "provision");
    expect(await processProvisioningJob(db(), acronis, jobId, contractCallbacks)).toMatchObject({
      status: "failed",
      step: "create_admin_user",
    });
    const lost = (await simState(sim)).users.filter((u) => u.login === login && !u.deleted);
    expect(lost).toHaveLength(1);
    const stopped = (await steps(jobId)).find((s) => s.step === "create_admin_user")!;
    expect(stopped.output).toBeNull();
    const [before] = await db().select().from(resellers).where(eq(resellers.internalTag, tag));
    expect(before!.acronisAdminUserId).toBeNull();
    await sim.control("DELETE", "/faults");

    const retry = await retryJob(jobId);
    const outcome = await processProvisioningJob(db(), acronis, retry.jobId, contractCallbacks);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: "succeeded" });

    const partner = await expectProvisioned(tag, tierLevel, "production");
    const state = await simState(sim);
    const users = state.users.filter((u) => u.tenant_id === partner.id && !u.deleted);
    expect(users.map((u) => [u.id, u.login, u.roles])).toEqual([[lost[0]!.id, login, ["partner_admin"]]]);
    const reused = (await steps(retry.jobId)).find((s) => s.step === "create_admin_user")!;
    expect(reused.output).toMatchObject({ userId: lost[0]!.id, login, reused: true });
    expect(
      state.activation_emails.filter((e) => (e as { user_id: string }).user_id === lost[0]!.id),
    ).toHaveLength(1);
    expect((await contractRow(contractId)).state).toBe("active");
  });

  it("reuses the admin user within the same attempt when the client's retry is told the login is taken", async () => {
    const { contractId, tag, tierLevel } = await createResellerWithContract(db(), { tierCode: "T2" });
    // Only the first answer is lost: the client's retry of the POST then hears 409 "login already taken".
    await sim.control("POST", "/faults", {
      method: "POST",
      path: "/users",
      status: 503,
      count: 1,
      lose_answer: true,
    });
    const jobId = await insertJob(db(), contractId, "provision");
    const outcome = await processProvisioningJob(db(), acronis, jobId, contractCallbacks);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: "succeeded" });
    const partner = await expectProvisioned(tag, tierLevel, "production");
    const users = (await simState(sim)).users.filter((u) => u.tenant_id === partner.id && !u.deleted);
    expect(users.map((u) => u.login)).toEqual([`${tag}-admin`]);
    const step = (await steps(jobId)).find((s) => s.step === "create_admin_user")!;
    expect(step.output).toMatchObject({ userId: users[0]!.id, reused: true });
  });

  it("does not repeat a role or an activation email that landed when their answers were lost", async () => {
    const { contractId, tag, tierLevel } = await createResellerWithContract(db(), { tierCode: "T3" });
    const calls = async (method: string, path: RegExp) =>
      (await sim.control<{ items: { method: string; path: string }[] }>("GET", "/requests")).items.filter(
        (r) => r.method === method && path.test(r.path),
      ).length;
    const loseAnswers = (method: string, path: string) =>
      sim.control("POST", "/faults", { method, path, status: 504, count: 2, lose_answer: true });
    await sim.control("DELETE", "/requests");

    // The role is granted but the answers are lost: the job fails at set_access_policy.
    await loseAnswers("PUT", "/users/");
    const jobId = await insertJob(db(), contractId, "provision");
    expect(await processProvisioningJob(db(), acronis, jobId, contractCallbacks)).toMatchObject({
      status: "failed",
      step: "set_access_policy",
    });
    await sim.control("DELETE", "/faults");
    const policyWrites = await calls("PUT", /\/access_policies$/);

    // The Retry finds the role in place (no second write); now the activation email's answers are lost.
    await loseAnswers("POST", "/users/");
    const retry = await retryJob(jobId);
    expect(await processProvisioningJob(db(), acronis, retry.jobId, contractCallbacks)).toMatchObject({
      status: "failed",
      step: "send_activation_email",
    });
    await sim.control("DELETE", "/faults");
    expect(await calls("PUT", /\/access_policies$/)).toBe(policyWrites);
    const policy = (await steps(retry.jobId)).find((s) => s.step === "set_access_policy")!;
    expect(policy.output).toMatchObject({ roles: ["partner_admin"], changed: false });

    // The email did go out and the reseller activated the account before the next Retry: none is resent.
    const user = (await simState(sim)).users.find((u) => u.login === `${tag}-admin`)!;
    await sim.control("POST", `/users/${user.id}/activate`);
    const emails = await calls("POST", /send-activation-email$/);
    const last = await retryJob(retry.jobId);
    expect((await processProvisioningJob(db(), acronis, last.jobId, contractCallbacks)).status).toBe(
      "succeeded",
    );
    expect(await calls("POST", /send-activation-email$/)).toBe(emails);
    const sent = (await steps(last.jobId)).find((s) => s.step === "send_activation_email")!;
    expect(sent.output).toMatchObject({ userId: user.id, alreadyActivated: true });
    await expectProvisioned(tag, tierLevel, "production");
  });

  it("fails with login_taken only when the login belongs to a user outside the partner tenant", async () => {
    const { contractId, tag } = await createResellerWithContract(db(), { tierCode: "T2" });
    const root = await acronis.whoAmI();
    const other = await acronis.createTenant({
      parentId: root.tenantId,
      name: `Someone else ${tag}`,
      kind: "partner",
      internalTag: `other-${tag}`,
    });
    await acronis.createUser({ tenantId: other.id, login: `${tag}-admin`, email: "someone@example.test" });
    const jobId = await insertJob(db(), contractId, "provision");
    const outcome = await processProvisioningJob(db(), acronis, jobId);
    expect(outcome).toMatchObject({ status: "failed", step: "create_admin_user" });
    const failed = (await steps(jobId)).find((s) => s.step === "create_admin_user")!;
    expect(failed).toMatchObject({ status: "failed", errorCode: "login_taken" });
    const partner = (await simState(sim)).tenants.find((t) => t.internal_tag === tag)!;
    expect((await simState(sim)).users.filter((u) => u.tenant_id === partner.id)).toEqual([]);
  });

  it("gives a second reseller with the same company name its own, distinguishable partner tenant", async () => {
    const first = await createResellerWithContract(db(), { tierCode: "T1" });
    const second = await createResellerWithContract(db(), { tierCode: "T1" });
    await db().update(resellers).set({ name: "Same Name IT" }).where(eq(resellers.internalTag, first.tag));
    await db().update(resellers).set({ name: "Same Name IT" }).where(eq(resellers.internalTag, second.tag));
    for (const { contractId } of [first, second]) {
      const jobId = await insertJob(db(), contractId, "provision");
      expect((await processProvisioningJob(db(), acronis, jobId, contractCallbacks)).status).toBe(
        "succeeded",
      );
    }
    const a = await expectProvisioned(first.tag, first.tierLevel, "production");
    const b = await expectProvisioned(second.tag, second.tierLevel, "production");
    expect(a.name).toBe("Same Name IT");
    expect(b.name).toBe(`Same Name IT (${second.tag.slice(-6)})`);
  });

  it("retries a retryable outage through pg-boss with backoff", async () => {
    const { contractId, tag, tierLevel } = await createResellerWithContract(db(), { tierCode: "T1" });
    // 2 failures per job attempt (the client retries once inside a call): the first two attempts fail.
    await sim.control("POST", "/faults", { method: "PUT", path: "/applications", status: 503, count: 4 });
    const queue = await startJobQueue({
      connectionString: globalThis.testDb.url,
      maintenanceIntervalSeconds: 1,
    });
    const worker = await startProvisioningWorker({
      db: db(),
      queue,
      acronis,
      ...contractCallbacks,
      queuePollingSeconds: 0.5,
      retryDelaySeconds: 1,
    });
    const jobId = await insertJob(db(), contractId, "provision");
    await worker.enqueuePending();
    try {
      await waitFor(async () => (await jobRow(jobId)).status === "succeeded");
    } finally {
      await worker.stop();
      await queue.stop();
    }
    await expectProvisioned(tag, tierLevel, "production");
    const billing = (await steps(jobId)).find((s) => s.step === "set_billing_settings")!;
    expect(billing.attempts).toBe(3);
    expect((await jobRow(jobId)).attempts).toBe(3);
  });

  it("tier change, suspend, resume and cancel change the partner tenant", async () => {
    const { contractId, tag } = await createResellerWithContract(db(), { tierCode: "T1" });
    const first = await insertJob(db(), contractId, "provision");
    expect((await processProvisioningJob(db(), acronis, first, contractCallbacks)).status).toBe("succeeded");
    const tenant = async () => (await simState(sim)).tenants.find((t) => t.internal_tag === tag)!;

    const run = async (kind: "tier_change" | "suspend" | "resume" | "cancel", params = {}) => {
      const id = await insertJob(db(), contractId, kind, params);
      expect((await processProvisioningJob(db(), acronis, id)).status).toBe("succeeded");
      return tenant();
    };
    expect((await run("tier_change", { tierLevelValue: 3 })).settings.tier_level_value).toBe(3);
    expect((await run("suspend")).enabled).toBe(false);
    expect((await run("resume")).enabled).toBe(true);
    expect((await run("cancel")).enabled).toBe(false);
    const jobs = await db()
      .select()
      .from(provisioningJobs)
      .where(and(eq(provisioningJobs.contractId, contractId), eq(provisioningJobs.status, "succeeded")));
    expect(jobs).toHaveLength(5);
  });
});
