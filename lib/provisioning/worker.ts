import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { provisioningJobs, provisioningSteps } from "@/db/schema";
import type { AcronisClient } from "@/lib/acronis";
import { type JobQueue, PROVISIONING_QUEUE } from "@/lib/jobs";
import { log } from "@/lib/log";
import { contractCallbacks, contractRetry } from "./contract-hooks";
import { type ProcessOptions, type ProvisioningCallbacks, processProvisioningJob } from "./process";

export type ProvisioningWorkerOptions = ProvisioningCallbacks & {
  db: Db;
  queue: JobQueue;
  acronis: AcronisClient;
  /** How often rows inserted by other code (lib/contracts) are handed to pg-boss (default 5 s). */
  pollIntervalMs?: number;
  /** pg-boss polling for new jobs (default 2 s). */
  queuePollingSeconds?: number;
  /** Job-level retries of retryable Acronis errors, with exponential backoff from `retryDelaySeconds`. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A job running longer is presumed dead and retried by pg-boss (default 15 min). */
  expireInSeconds?: number;
  afterStep?: ProcessOptions["afterStep"];
};

export type ProvisioningWorker = {
  /** Hands queued/running rows that pg-boss does not hold to it; returns how many were sent. */
  enqueuePending(): Promise<number>;
  stop(): Promise<void>;
};

/**
 * Sends every `queued` or `running` provisioning row that pg-boss does not hold (rows inserted inside
 * lib/contracts transactions, or left by a worker that died before pg-boss knew them), keyed by row id.
 */
export async function enqueuePendingProvisioningJobs(
  db: Db,
  queue: JobQueue,
  sendOptions: { retryLimit?: number; retryDelay?: number; expireInSeconds?: number } = {},
): Promise<number> {
  const rows = await db
    .select({ id: provisioningJobs.id })
    .from(provisioningJobs)
    .where(inArray(provisioningJobs.status, ["queued", "running"]))
    .orderBy(provisioningJobs.createdAt);
  if (rows.length === 0) return 0;
  const held = await queue.pendingKeys(
    PROVISIONING_QUEUE,
    rows.map((r) => r.id),
  );
  let sent = 0;
  for (const { id } of rows) {
    if (held.has(id)) continue;
    const pgBossId = await queue.send(
      PROVISIONING_QUEUE,
      { jobId: id },
      { singletonKey: id, retryBackoff: true, ...sendOptions },
    );
    if (pgBossId) sent++;
  }
  return sent;
}

/**
 * Runs provisioning jobs from pg-boss; retryable Acronis errors are retried with backoff by pg-boss. A `provision` job
 * moves its contract (lib/contracts markProvisioned / markProvisioningFailed) unless other callbacks are given.
 */
export async function startProvisioningWorker(
  options: ProvisioningWorkerOptions,
): Promise<ProvisioningWorker> {
  const { db, queue, acronis } = options;
  const retryLimit = options.retryLimit ?? 6;
  const sendOptions = {
    retryLimit,
    retryDelay: options.retryDelaySeconds ?? 15,
    expireInSeconds: options.expireInSeconds ?? 15 * 60,
  };
  const inFlight = new Set<string>();
  let stopped = false;
  const workerId = await queue.work(
    PROVISIONING_QUEUE,
    { pollingIntervalSeconds: options.queuePollingSeconds ?? 2 },
    async (job) => {
      if (stopped) throw new Error("provisioning worker stopped");
      const outcome = await processProvisioningJob(db, acronis, job.data.jobId, {
        canRetry: job.retryCount < job.retryLimit,
        onProvisioned: options.onProvisioned ?? contractCallbacks.onProvisioned,
        onFailed: options.onFailed ?? contractCallbacks.onFailed,
        afterStep: options.afterStep,
        inFlight,
      });
      // Throwing hands the job back to pg-boss, which retries it after its backoff delay.
      if (outcome.status === "retrying") throw new Error(`${outcome.step}: ${outcome.error.message}`);
      if (outcome.status === "skipped" && outcome.reason === "busy")
        throw new Error("job is running here already");
    },
  );

  const enqueuePending = () => enqueuePendingProvisioningJobs(db, queue, sendOptions);
  let polling: Promise<unknown> | null = null;
  const poll = () => {
    if (stopped || polling) return;
    polling = enqueuePending()
      .catch((error) => log.error({ err: error }, "[provisioning] enqueue failed"))
      .finally(() => {
        polling = null;
      });
  };
  poll();
  const timer = setInterval(poll, options.pollIntervalMs ?? 5000);
  return {
    enqueuePending,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await polling;
      await queue.offWork(workerId);
    },
  };
}

export type RetryOptions = {
  /**
   * For `provision` jobs whose contract is `provisioning_failed`: moves the contract back to `pending` and
   * queues the new job (lib/contracts' retryProvisioning); the new job resumes from the failed step.
   */
  retryContract?: (contractId: string) => Promise<{ jobId: string }>;
};

/**
 * Re-queues a failed job from its failed step (finished steps stay finished). A `provision` job is retried
 * through its contract, whose new job carries the finished steps over.
 */
export async function retryProvisioningJob(
  db: Db,
  jobId: string,
  options: RetryOptions = {},
): Promise<{ jobId: string }> {
  const [job] = await db.select().from(provisioningJobs).where(eq(provisioningJobs.id, jobId));
  if (!job) throw new Error(`Provisioning job ${jobId} does not exist.`);
  if (job.status !== "failed") return { jobId };
  if (job.kind === "provision") {
    const retryContract = options.retryContract ?? contractRetry(db).retryContract;
    return retryContract(job.contractId);
  }
  await db.transaction(async (tx) => {
    await tx
      .update(provisioningSteps)
      .set({ status: "queued", finishedAt: null })
      .where(and(eq(provisioningSteps.jobId, jobId), eq(provisioningSteps.status, "failed")));
    await tx
      .update(provisioningJobs)
      .set({ status: "queued", finishedAt: null, updatedAt: sql`now()` })
      .where(eq(provisioningJobs.id, jobId));
  });
  return { jobId };
}
