import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { type BillingRun, billingRuns } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
import { BILLING_RUN_QUEUE, type JobQueue, type JobState, type QueuePayloads } from "@/lib/jobs/queue";
import {
  type BillingRunOptions,
  countRunInvoices,
  createBillingRun,
  getBillingRun,
  resumeDrafting,
} from "./billing-run";
import { type IssueHooks, issueBillingRun } from "./issue";
import { periodState } from "./periods";

/**
 * Billing runs as durable jobs: each phase of a run (drafting, issuing) is one pg-boss job on the
 * `billing-run` queue keyed by the run id. Whether a run is alive is read from its job, never from a clock:
 * a job created, waiting for a retry or active is working on the run; a run still `running` or `issuing`
 * whose latest job failed, was cancelled, completed or is missing has stopped and can be resumed at once.
 */

export type RunPhase = "drafting" | "issuing";

export type RunControls = {
  /** A job of the run is queued or running: the page follows it and offers nothing. */
  working: boolean;
  /** The run is `running` or `issuing` but no job works on it (its process died or its job failed). */
  stopped: boolean;
  /** The phase a resume continues, when the run can be resumed. */
  resume: RunPhase | null;
  /** The run's drafts can be issued. */
  canIssue: boolean;
  /** Why nothing can be drafted or issued yet (the month has not ended), else null. */
  blocked: string | null;
};

const PENDING: readonly JobState[] = ["created", "retry", "active"];

/**
 * What a run allows, decided from its status, its latest job's state (null: none), its number of drafts
 * and the caller's `today`. Pure: the run page renders this, the request functions enforce it.
 */
export function runControls(
  run: Pick<BillingRun, "status" | "period">,
  job: JobState | null,
  drafts: number,
  today: string,
): RunControls {
  const working = run.status !== "issued" && job !== null && PENDING.includes(job);
  const stopped = !working && (run.status === "running" || run.status === "issuing");
  const open = periodState(run.period, today) !== "closed";
  const blocked = open
    ? `${run.period} has not ended yet: it can be drafted and issued once it closes`
    : null;
  let resume: RunPhase | null = null;
  if (!working && !open) {
    if (run.status === "running" || run.status === "failed") resume = "drafting";
    else if (run.status === "issuing") resume = "issuing";
  }
  const canIssue = !working && !open && run.status === "drafted" && drafts > 0;
  return { working, stopped, resume, canIssue, blocked };
}

export type BillingRunView = {
  run: BillingRun;
  /** Invoices of the run by status. */
  counts: Record<string, number>;
  /** The state of the run's latest job, null when it has none. */
  job: JobState | null;
  controls: RunControls;
};

/** A run with its invoice counts, its job's state and what it allows on `today`. */
export async function getBillingRunView(
  db: Db,
  queue: JobQueue,
  input: { runId: string; today: string },
): Promise<BillingRunView> {
  const run = await getBillingRun(db, input.runId);
  const [counts, states] = await Promise.all([
    countRunInvoices(db, run.id),
    queue.latestStates(BILLING_RUN_QUEUE, [run.id]),
  ]);
  const job = states.get(run.id) ?? null;
  return { run, counts, job, controls: runControls(run, job, counts.draft ?? 0, input.today) };
}

/** Of `runIds`, the runs a queued or running job works on. */
export async function workingRunIds(queue: JobQueue, runIds: string[]): Promise<Set<string>> {
  const states = await queue.latestStates(BILLING_RUN_QUEUE, runIds);
  return new Set([...states].filter(([, state]) => PENDING.includes(state)).map(([id]) => id));
}

type Request = { actor: Actor; today: string };

/** Creates a run of `period` (refused unless the month has ended and something is left to draft) and queues its drafting. */
export async function requestBillingRun(
  db: Db,
  queue: JobQueue,
  input: { period: string } & Request,
): Promise<BillingRun> {
  const run = await createBillingRun(db, input);
  await send(queue, run.id, "draft", input);
  return run;
}

/** Queues the issuing of a drafted run; the run shows `issuing` from now on. */
export async function requestIssue(
  db: Db,
  queue: JobQueue,
  input: { runId: string } & Request,
): Promise<void> {
  const { run, controls } = await getBillingRunView(db, queue, input);
  if (controls.blocked) throw new AppError("conflict", controls.blocked);
  if (controls.working) throw new AppError("conflict", `The run of ${run.period} is already in progress`);
  if (!controls.canIssue) {
    const why = run.status === "drafted" ? "it has no drafts" : `it is ${run.status}, not drafted`;
    throw new AppError("conflict", `The run of ${run.period} cannot be issued: ${why}`);
  }
  // The job first: a page rendered in between sees a drafted run with a waiting job, never a stopped one.
  await send(queue, run.id, "issue", input);
  await db
    .update(billingRuns)
    .set({ status: "issuing", updatedAt: new Date() })
    .where(and(eq(billingRuns.id, run.id), eq(billingRuns.status, "drafted")));
}

/** Queues the rest of a stopped or failed run, in the phase it stopped in; returns that phase. */
export async function requestResume(
  db: Db,
  queue: JobQueue,
  input: { runId: string } & Request,
): Promise<RunPhase> {
  const { run, job, controls } = await getBillingRunView(db, queue, input);
  if (controls.blocked) throw new AppError("conflict", controls.blocked);
  if (controls.working) {
    throw new AppError("conflict", `The run of ${run.period} is still in progress (its job is ${job})`);
  }
  if (!controls.resume)
    throw new AppError("conflict", `The run of ${run.period} is ${run.status}: nothing to resume`);
  await send(queue, run.id, controls.resume === "drafting" ? "draft" : "issue", input);
  await writeAudit(db, input.actor, {
    action: "billing_run.resume",
    entityType: "billing_run",
    entityId: run.id,
    data: { period: run.period, phase: controls.resume, previousJob: job },
  });
  return controls.resume;
}

async function send(
  queue: JobQueue,
  runId: string,
  phase: QueuePayloads["billing-run"]["phase"],
  input: Request,
): Promise<void> {
  const jobId = await queue.send(
    BILLING_RUN_QUEUE,
    { runId, phase, today: input.today, actor: input.actor },
    { singletonKey: runId },
  );
  if (!jobId) throw new AppError("conflict", "This run already has a job waiting to run");
}

export type RunJobOptions = BillingRunOptions & IssueHooks;

/**
 * Continues a stopped run in this process, in the phase it stopped in: drafting (`running`, `failed`) or
 * issuing (`issuing`); any other status is returned as it is. In-process (scripts, tests); the worker runs
 * the phase its job names (startBillingRunWorker).
 */
export async function resumeBillingRun(
  db: Db,
  input: { runId: string } & Request & RunJobOptions,
): Promise<BillingRun> {
  const run = await getBillingRun(db, input.runId);
  if (run.status === "issuing") return issueBillingRun(db, input);
  return resumeDrafting(db, run.id, input);
}

const payloadSchema = z.object({
  runId: z.string().uuid(),
  phase: z.enum(["draft", "issue"]),
  today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  actor: z.object({ userId: z.string().uuid().nullable(), label: z.string().min(1) }),
});

export type BillingRunWorker = { stop(): Promise<void> };

/**
 * Runs billing-run jobs: a `draft` job drafts (or continues drafting) its run, an `issue` job issues (or
 * continues issuing) its drafts. A thrown error fails the job, which makes the run resumable at once.
 */
export async function startBillingRunWorker(options: {
  db: Db;
  queue: JobQueue;
  queuePollingSeconds?: number;
  /** Batch sizes and test hooks (a crash in a batch) for every job this worker runs. */
  runOptions?: RunJobOptions;
}): Promise<BillingRunWorker> {
  const { db, queue } = options;
  const workerId = await queue.work(
    BILLING_RUN_QUEUE,
    { pollingIntervalSeconds: options.queuePollingSeconds ?? 1 },
    async (job) => {
      const data = payloadSchema.parse(job.data);
      const common = { ...options.runOptions, today: data.today };
      if (data.phase === "draft") await resumeDrafting(db, data.runId, common);
      else await issueBillingRun(db, { ...common, runId: data.runId, actor: data.actor });
    },
  );
  return { stop: () => queue.offWork(workerId) };
}
