import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { AcronisClient, AcronisDirectory } from "@/lib/acronis";
import { type Actor, writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
import { assertPeriodClosed } from "@/lib/invoices/periods";
import { type JobQueue, type JobState, RECONCILIATION_QUEUE } from "@/lib/jobs/queue";
import { type CheckOptions, checkDatacenter } from "./check";
import { datacentersToCheck } from "./queries";

/**
 * Reconciliation checks as pg-boss jobs: one job per (month, datacenter), its singleton key, on a stately
 * queue, so a second request while one waits is the same check (idempotent) and one sent while another runs
 * waits for it and then supersedes it. Whether a check is waiting, running or failed is read from its job.
 */

export const checkKey = (period: string, datacenterId: string) => `${period}:${datacenterId}`;

export type RequestedCheck = { queued: string[]; alreadyWaiting: string[] };

/** Queues a check of every datacenter with issued invoices for `period`; refused for an open month or none. */
export async function requestCheck(
  db: Db,
  queue: JobQueue,
  input: { period: string; today: string; actor: Actor },
): Promise<RequestedCheck> {
  assertPeriodClosed(input.period, input.today);
  const datacenters = await datacentersToCheck(db, input.period);
  if (datacenters.length === 0) {
    throw new AppError("conflict", `${input.period} has no issued invoices: there is nothing to check yet`);
  }
  const result: RequestedCheck = { queued: [], alreadyWaiting: [] };
  for (const dc of datacenters) {
    const jobId = await queue.send(
      RECONCILIATION_QUEUE,
      { period: input.period, datacenterId: dc.id, today: input.today, actor: input.actor },
      { singletonKey: checkKey(input.period, dc.id) },
    );
    (jobId ? result.queued : result.alreadyWaiting).push(dc.name);
  }
  await writeAudit(db, input.actor, {
    action: "reconciliation.requested",
    entityType: "reconciliation",
    entityId: input.period,
    data: { period: input.period, datacenters: datacenters.map((d) => d.name), ...result },
  });
  return result;
}

export type CheckJob = {
  state: JobState;
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  /** Why the last attempt failed (a failed job, or one waiting to retry). */
  error: string | null;
  requestedBy: string | null;
};

const OutputSchema = z
  .object({ message: z.string().optional(), value: z.object({ message: z.string() }).partial().optional() })
  .passthrough()
  .nullable()
  .catch(null);

const ActorSchema = z
  .object({ actor: z.object({ label: z.string() }) })
  .partial()
  .catch({});

/**
 * The latest job of each datacenter's check of `period` (absent: none, or archived long after it ended).
 * A waiting or running job comes first, so a finished one never hides a check in progress.
 */
export async function checkJobs(
  queue: JobQueue,
  period: string,
  datacenterIds: readonly string[],
): Promise<Map<string, CheckJob>> {
  if (datacenterIds.length === 0) return new Map();
  const keys = datacenterIds.map((id) => checkKey(period, id));
  const { rows } = await queue.boss.getDb().executeSql(
    `select distinct on (singleton_key) singleton_key, state, created_on, started_on, completed_on, output, data
       from ${queue.schema}.job
      where name = $1 and singleton_key = any($2::text[])
      order by singleton_key, state < 'completed' desc, created_on desc`,
    [RECONCILIATION_QUEUE, keys],
  );
  const jobs = new Map<string, CheckJob>();
  for (const row of rows as Array<Record<string, unknown>>) {
    const key = String(row.singleton_key);
    const output = OutputSchema.parse(row.output);
    const state = row.state as JobState;
    jobs.set(key.slice(period.length + 1), {
      state,
      createdOn: new Date(row.created_on as string),
      startedOn: row.started_on ? new Date(row.started_on as string) : null,
      completedOn: row.completed_on ? new Date(row.completed_on as string) : null,
      error:
        state === "failed" || state === "retry"
          ? (output?.message ?? output?.value?.message ?? "The check failed without a message")
          : null,
      requestedBy: ActorSchema.parse(row.data).actor?.label ?? null,
    });
  }
  return jobs;
}

const payloadSchema = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  datacenterId: z.uuid(),
  today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  actor: z.object({ userId: z.string().uuid().nullable(), label: z.string().min(1) }),
});

export type ReconciliationWorker = { stop(): Promise<void> };

/** Runs reconciliation jobs; a thrown error fails the attempt, retried per the queue's policy. */
export async function startReconciliationWorker(options: {
  db: Db;
  queue: JobQueue;
  acronis: AcronisClient | AcronisDirectory;
  queuePollingSeconds?: number;
  checkOptions?: Omit<CheckOptions, "now" | "today">;
}): Promise<ReconciliationWorker> {
  const { db, queue, acronis } = options;
  const workerId = await queue.work(
    RECONCILIATION_QUEUE,
    { pollingIntervalSeconds: options.queuePollingSeconds ?? 2 },
    async (job) => {
      const data = payloadSchema.parse(job.data);
      await checkDatacenter(db, acronis, {
        ...options.checkOptions,
        period: data.period,
        datacenterId: data.datacenterId,
        today: data.today,
      });
    },
  );
  return { stop: () => queue.offWork(workerId) };
}
