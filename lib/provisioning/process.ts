import "server-only";
import { and, desc, eq, lt, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import {
  contracts,
  distributorSettings,
  type ProvisioningJob,
  type ProvisioningStep,
  provisioningJobs,
  provisioningSteps,
  resellers,
  tiers,
} from "@/db/schema";
import { type AcronisClient, type AcronisDirectory, isAcronisError, toDirectory } from "@/lib/acronis";
import { isDatacenterUnavailable } from "@/lib/acronis/datacenters";
import { log, safeErrorMessage } from "@/lib/log";
import { emitProvisioningFailed } from "@/lib/webhooks/emit";
import { PermanentStepError, STEP_PLANS, type StepContext, type StepOutput } from "./steps";

export type StepError = { status: number | null; code: string | null; message: string; retryable: boolean };

export type ProvisioningOutcome =
  | { status: "succeeded"; jobId: string }
  | { status: "failed" | "retrying"; jobId: string; step: string; error: StepError }
  | { status: "skipped"; jobId: string; reason: "missing" | "finished" | "busy" };

export type ProvisionedInfo = { jobId: string; contractId: string };
export type FailedInfo = ProvisionedInfo & { step: string; error: string; acronis: StepError };

/** Contract-side effects of a `provision` job, run in the transaction that finishes the job. */
export type ProvisioningCallbacks = {
  onProvisioned?: (tx: DbOrTx, info: ProvisionedInfo) => Promise<unknown>;
  onFailed?: (tx: DbOrTx, info: FailedInfo) => Promise<unknown>;
};

export type ProcessOptions = ProvisioningCallbacks & {
  /** Job-level retries remain (the worker's pg-boss job); a retryable error then waits for the next try. */
  canRetry?: boolean;
  /** Test hook: runs after each finished step (e.g. to kill the worker there). */
  afterStep?: (step: string, jobId: string) => Promise<void>;
  /** Jobs this worker is running right now; a second call for one of them is skipped. */
  inFlight?: Set<string>;
};

export function describeError(error: unknown): StepError {
  if (isAcronisError(error)) {
    return {
      status: error.status,
      code: error.code === null ? null : String(error.code),
      message: error.message,
      retryable: error.retryable,
    };
  }
  if (error instanceof PermanentStepError) {
    return { status: null, code: error.code, message: error.message, retryable: false };
  }
  // Database hiccups and network failures outside the client: worth another try.
  return {
    status: null,
    code: null,
    // Never a database error's own message: drizzle's carries the query's parameters.
    message: safeErrorMessage(error),
    retryable: true,
  };
}

export function formatStepError(step: string, e: StepError): string {
  const where = [e.status === null ? null : `HTTP ${e.status}`, e.code === null ? null : `code ${e.code}`]
    .filter(Boolean)
    .join(", ");
  return `${step}: ${e.message}${where ? ` (${where})` : ""}`;
}

const now = () => new Date();

/**
 * A new `provision` job for a contract whose previous one failed starts where that one stopped: its finished
 * steps (and any partial output, e.g. a created user's id) are carried over, so nothing is done twice.
 */
async function carryOverSteps(db: Db, job: ProvisioningJob): Promise<void> {
  if (job.kind !== "provision") return;
  const [previous] = await db
    .select({ id: provisioningJobs.id })
    .from(provisioningJobs)
    .where(
      and(
        eq(provisioningJobs.contractId, job.contractId),
        eq(provisioningJobs.kind, "provision"),
        eq(provisioningJobs.status, "failed"),
        ne(provisioningJobs.id, job.id),
        lt(provisioningJobs.createdAt, job.createdAt),
      ),
    )
    .orderBy(desc(provisioningJobs.createdAt))
    .limit(1);
  if (!previous) return;
  const steps = await db.select().from(provisioningSteps).where(eq(provisioningSteps.jobId, previous.id));
  const rows = steps
    .filter((s) => s.status === "succeeded" || s.output !== null)
    .map((s) => ({
      jobId: job.id,
      step: s.step,
      position: s.position,
      status: s.status === "succeeded" ? ("succeeded" as const) : ("queued" as const),
      output: { ...s.output, carriedFromJobId: previous.id },
      finishedAt: s.status === "succeeded" ? s.finishedAt : null,
    }));
  if (rows.length > 0) await db.insert(provisioningSteps).values(rows).onConflictDoNothing();
}

async function loadContext(db: Db, job: ProvisioningJob) {
  const [row] = await db
    .select({ contract: contracts, reseller: resellers, tier: tiers })
    .from(contracts)
    .innerJoin(resellers, eq(resellers.id, contracts.resellerId))
    .innerJoin(tiers, eq(tiers.id, contracts.tierId))
    .where(eq(contracts.id, job.contractId));
  const [settings] = await db.select().from(distributorSettings).where(eq(distributorSettings.id, 1));
  if (!row || !settings)
    throw new PermanentStepError("no_contract", "The job's contract or the settings are missing.");
  return { ...row, settings };
}

async function finishJob(
  db: Db,
  job: ProvisioningJob,
  status: "succeeded" | "failed",
  lastError: string | null,
  callback: ((tx: DbOrTx) => Promise<unknown>) | undefined,
): Promise<void> {
  const update = (tx: DbOrTx, error: string | null) =>
    tx
      .update(provisioningJobs)
      .set({ status, lastError: error, finishedAt: now(), updatedAt: now() })
      .where(eq(provisioningJobs.id, job.id));
  try {
    await db.transaction(async (tx) => {
      await update(tx, lastError);
      if (callback) await callback(tx);
    });
  } catch (error) {
    // The contract refused the change (an admin moved it meanwhile): the Acronis work stands, say why.
    const message = safeErrorMessage(error);
    log.error({ err: error, jobId: job.id }, "[provisioning] contract update failed");
    await update(db, [lastError, `contract update failed: ${message}`].filter(Boolean).join("; "));
  }
}

/**
 * Runs (or resumes) one `provisioning_jobs` row; finished steps are read back, never repeated. Every call
 * goes to the reseller's own datacenter (`resellers.datacenter_id`); one client stands for all of them.
 */
export async function processProvisioningJob(
  db: Db,
  acronis: AcronisClient | AcronisDirectory,
  jobId: string,
  options: ProcessOptions = {},
): Promise<ProvisioningOutcome> {
  const inFlight = options.inFlight;
  if (inFlight?.has(jobId)) return { status: "skipped", jobId, reason: "busy" };
  inFlight?.add(jobId);
  try {
    return await runJob(db, toDirectory(acronis), jobId, options);
  } finally {
    inFlight?.delete(jobId);
  }
}

/** The client of the reseller's datacenter; one that cannot be built (no key, wrong key) fails the job. */
async function clientFor(directory: AcronisDirectory, datacenterId: string): Promise<AcronisClient> {
  try {
    return await directory.client(datacenterId);
  } catch (error) {
    if (isDatacenterUnavailable(error)) throw new PermanentStepError("datacenter_unavailable", error.message);
    throw error;
  }
}

async function runJob(
  db: Db,
  directory: AcronisDirectory,
  jobId: string,
  options: ProcessOptions,
): Promise<ProvisioningOutcome> {
  const [claimed] = await db
    .update(provisioningJobs)
    .set({ status: "running", attempts: sql`${provisioningJobs.attempts} + 1`, updatedAt: now() })
    .where(and(eq(provisioningJobs.id, jobId), sql`${provisioningJobs.status} in ('queued', 'running')`))
    .returning();
  if (!claimed) {
    const [exists] = await db
      .select({ id: provisioningJobs.id })
      .from(provisioningJobs)
      .where(eq(provisioningJobs.id, jobId));
    return { status: "skipped", jobId, reason: exists ? "finished" : "missing" };
  }
  const job = claimed;
  let steps = await db.select().from(provisioningSteps).where(eq(provisioningSteps.jobId, job.id));
  if (steps.length === 0) {
    await carryOverSteps(db, job);
    steps = await db.select().from(provisioningSteps).where(eq(provisioningSteps.jobId, job.id));
  }
  const byName = new Map<string, ProvisioningStep>(steps.map((s) => [s.step, s]));
  const outputs: Record<string, StepOutput> = {};
  const plan = STEP_PLANS[job.kind];

  let loaded: Awaited<ReturnType<typeof loadContext>>;
  let current = plan[0]?.name ?? "load";
  try {
    loaded = await loadContext(db, job);
    const acronis = await clientFor(directory, loaded.reseller.datacenterId);
    for (const [position, step] of plan.entries()) {
      current = step.name;
      const recorded = byName.get(step.name);
      if (recorded?.status === "succeeded") {
        outputs[step.name] = recorded.output ?? {};
        continue;
      }
      await db
        .insert(provisioningSteps)
        .values({
          jobId: job.id,
          step: step.name,
          position,
          status: "running",
          attempts: 1,
          startedAt: now(),
        })
        .onConflictDoUpdate({
          target: [provisioningSteps.jobId, provisioningSteps.step],
          set: {
            status: "running",
            attempts: sql`${provisioningSteps.attempts} + 1`,
            startedAt: now(),
            finishedAt: null,
          },
        });
      const ctx: StepContext = {
        db,
        acronis,
        job,
        ...loaded,
        outputs,
        previous: recorded?.output ?? null,
        checkpoint: async (output) => {
          await db
            .update(provisioningSteps)
            .set({ output })
            .where(and(eq(provisioningSteps.jobId, job.id), eq(provisioningSteps.step, step.name)));
        },
      };
      const output = await step.run(ctx);
      outputs[step.name] = output;
      await db
        .update(provisioningSteps)
        .set({
          status: "succeeded",
          output,
          finishedAt: now(),
          errorStatus: null,
          errorCode: null,
          errorMessage: null,
        })
        .where(and(eq(provisioningSteps.jobId, job.id), eq(provisioningSteps.step, step.name)));
      await db.update(provisioningJobs).set({ updatedAt: now() }).where(eq(provisioningJobs.id, job.id));
      await options.afterStep?.(step.name, job.id);
    }
  } catch (error) {
    return recordFailure(db, job, current, error, options);
  }
  const onProvisioned = options.onProvisioned;
  await finishJob(
    db,
    job,
    "succeeded",
    null,
    job.kind === "provision" && onProvisioned
      ? (tx) => onProvisioned(tx, { jobId: job.id, contractId: job.contractId })
      : undefined,
  );
  return { status: "succeeded", jobId: job.id };
}

async function recordFailure(
  db: Db,
  job: ProvisioningJob,
  step: string,
  cause: unknown,
  options: ProcessOptions,
): Promise<ProvisioningOutcome> {
  const error = describeError(cause);
  const willRetry = error.retryable && options.canRetry === true;
  const message = formatStepError(step, error);
  await db
    .update(provisioningSteps)
    .set({
      status: willRetry ? "queued" : "failed",
      errorStatus: error.status,
      errorCode: error.code,
      errorMessage: error.message,
      finishedAt: willRetry ? null : now(),
    })
    .where(and(eq(provisioningSteps.jobId, job.id), eq(provisioningSteps.step, step)));
  if (willRetry) {
    await db
      .update(provisioningJobs)
      .set({ lastError: message, updatedAt: now() })
      .where(eq(provisioningJobs.id, job.id));
    return { status: "retrying", jobId: job.id, step, error };
  }
  const onFailed = options.onFailed;
  await finishJob(db, job, "failed", message, async (tx) => {
    await emitProvisioningFailed(tx, { jobId: job.id, step, error: message });
    if (job.kind === "provision" && onFailed)
      await onFailed(tx, { jobId: job.id, contractId: job.contractId, step, error: message, acronis: error });
  });
  return { status: "failed", jobId: job.id, step, error };
}
