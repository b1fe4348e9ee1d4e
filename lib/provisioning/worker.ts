import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { provisioningJobs, provisioningSteps } from "@/db/schema";
import type { AcronisClient, AcronisDirectory } from "@/lib/acronis";
import {
  type JobQueue,
  MINUTE_SLOT,
  PROVISIONING_QUEUE,
  PROVISIONING_SWEEP,
  type SendOptions,
} from "@/lib/jobs";
import { log } from "@/lib/log";
import { type ProcessOptions, type ProvisioningCallbacks, processProvisioningJob } from "./process";

export type ProvisioningWorkerOptions = Required<ProvisioningCallbacks> & {
  db: Db;
  queue: JobQueue;
  /** Each job goes to its reseller's datacenter; one client stands for every datacenter (tests). */
  acronis: AcronisClient | AcronisDirectory;
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
  /** Hands queued/running rows that pg-boss does not hold to it now; returns how many were sent. */
  enqueuePending(): Promise<number>;
  /** The same, without waiting: a call while one runs makes it run once more after (a committed NOTIFY). */
  enqueueSoon(): void;
  stop(): Promise<void>;
};

/**
 * The sweep's cron (UTC): each minute, one worker hands pg-boss the rows it does not hold. It runs on the
 * provisioning queue itself (jobId PROVISIONING_SWEEP, singleton key "slot", never a row id), once per slot
 * however many workers evaluate the schedule, and is not retried: the next minute's sweep is.
 */
export const PROVISIONING_SWEEP_CRON = "* * * * *";
const SWEEP_SLOT: SendOptions = { ...MINUTE_SLOT, retryLimit: 0, expireInSeconds: 60 };

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
 * Runs provisioning jobs from pg-boss; retryable Acronis errors are retried with backoff by pg-boss. The
 * contract side of a `provision` job is the caller's (`onProvisioned` / `onFailed`; the composition root,
 * lib/jobs/background.ts, passes lib/contracts' hooks). Rows reach pg-boss three ways: at start, when the
 * caller relays a committed NOTIFY (`enqueueSoon`, see lib/provisioning/notify.ts), and each minute through
 * a pg-boss schedule sent once per slot however many workers run (the safety net for rows a dead process
 * left or a NOTIFY no worker heard).
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
  const polling = { pollingIntervalSeconds: options.queuePollingSeconds ?? 2 };
  const inFlight = new Set<string>();
  let stopped = false;
  let workerId: string | null = null;

  const enqueuePending = async () => {
    const sent = await enqueuePendingProvisioningJobs(db, queue, sendOptions);
    if (sent > 0 && workerId) queue.wake(workerId);
    return sent;
  };
  let running: Promise<unknown> | null = null;
  let again = false;
  const enqueueSoon = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = enqueuePending()
      .catch((error) => log.error({ err: error }, "[provisioning] enqueue failed"))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          enqueueSoon();
        }
      });
  };

  workerId = await queue.work(PROVISIONING_QUEUE, polling, async (job) => {
    if (stopped) throw new Error("provisioning worker stopped");
    if (job.data.jobId === PROVISIONING_SWEEP) {
      await enqueuePending();
      return;
    }
    const outcome = await processProvisioningJob(db, acronis, job.data.jobId, {
      canRetry: job.retryCount < job.retryLimit,
      onProvisioned: options.onProvisioned,
      onFailed: options.onFailed,
      afterStep: options.afterStep,
      inFlight,
    });
    // Throwing hands the job back to pg-boss, which retries it after its backoff delay.
    if (outcome.status === "retrying") throw new Error(`${outcome.step}: ${outcome.error.message}`);
    if (outcome.status === "skipped" && outcome.reason === "busy")
      throw new Error("job is running here already");
  });
  await queue.schedule(
    PROVISIONING_QUEUE,
    PROVISIONING_SWEEP_CRON,
    { jobId: PROVISIONING_SWEEP },
    SWEEP_SLOT,
  );
  enqueueSoon();
  return {
    enqueuePending,
    enqueueSoon,
    stop: async () => {
      stopped = true;
      await running;
      if (workerId) await queue.offWork(workerId);
    },
  };
}

export type RetryOptions = {
  /**
   * For `provision` jobs whose contract is `provisioning_failed`: moves the contract back to `pending` and
   * queues the new job (lib/contracts' contractRetry); the new job resumes from the failed step.
   */
  retryContract: (contractId: string) => Promise<{ jobId: string }>;
};

/**
 * Re-queues a failed job from its failed step (finished steps stay finished). A `provision` job is retried
 * through its contract, whose new job carries the finished steps over.
 */
export async function retryProvisioningJob(
  db: Db,
  jobId: string,
  options: RetryOptions,
): Promise<{ jobId: string }> {
  const [job] = await db.select().from(provisioningJobs).where(eq(provisioningJobs.id, jobId));
  if (!job) throw new Error(`Provisioning job ${jobId} does not exist.`);
  if (job.status !== "failed") return { jobId };
  if (job.kind === "provision") {
    return options.retryContract(job.contractId);
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
