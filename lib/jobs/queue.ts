import "server-only";
import PgBoss from "pg-boss";
import { log } from "@/lib/log";

/** Every queue Tierline uses, with its payload. */
export type QueuePayloads = {
  /** Run one `provisioning_jobs` row; the singleton key is the row id. */
  provisioning: { jobId: string };
  /** One usage sync run. */
  "usage-sync": { kind: "scheduled" | "manual" };
};
export type QueueName = keyof QueuePayloads;

export const PROVISIONING_QUEUE = "provisioning" satisfies QueueName;
export const USAGE_SYNC_QUEUE = "usage-sync" satisfies QueueName;

// stately: at most one queued and one running job per singleton key (a provisioning row is never run twice
// at once); singleton: one usage sync at a time.
const QUEUE_POLICIES: Record<QueueName, PgBoss.Queue> = {
  provisioning: {
    name: PROVISIONING_QUEUE,
    policy: "stately",
    retryLimit: 6,
    retryDelay: 15,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
  },
  "usage-sync": {
    name: USAGE_SYNC_QUEUE,
    policy: "singleton",
    retryLimit: 2,
    retryDelay: 60,
    expireInSeconds: 30 * 60,
  },
};

export type SendOptions = PgBoss.SendOptions;
export type QueueJob<N extends QueueName> = PgBoss.JobWithMetadata<QueuePayloads[N]>;
export type WorkOptions = { pollingIntervalSeconds?: number };

export type JobQueue = {
  readonly schema: string;
  readonly boss: PgBoss;
  /** Returns the pg-boss job id, or null when a job with the same singleton key is already waiting. */
  send<N extends QueueName>(name: N, data: QueuePayloads[N], options?: SendOptions): Promise<string | null>;
  /** One job at a time per call; a thrown error fails the job and pg-boss retries it per the queue policy. */
  work<N extends QueueName>(
    name: N,
    options: WorkOptions,
    handler: (job: QueueJob<N>) => Promise<void>,
  ): Promise<string>;
  offWork(workerId: string): Promise<void>;
  /** Singleton keys of jobs of `name` that pg-boss still holds (created, retry or active). */
  pendingKeys(name: QueueName, keys: string[]): Promise<Set<string>>;
  /** graceful: wait for running handlers; otherwise their jobs are failed now and retried. */
  stop(options?: { graceful?: boolean }): Promise<void>;
};

export type JobQueueOptions = {
  connectionString: string;
  /** pg-boss's own schema (default `pgboss`). */
  schema?: string;
  /** Pool size for pg-boss (default 4). */
  max?: number;
  /** How often pg-boss expires dead jobs and archives finished ones (default 60 s). */
  maintenanceIntervalSeconds?: number;
  onError?: (error: Error) => void;
};

/** Starts pg-boss on the app database (its own schema) and creates Tierline's queues when missing. */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const schema = options.schema ?? "pgboss";
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema,
    max: options.max ?? 4,
    application_name: "tierline-jobs",
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    // Schedules are not used: intervals come from the settings row.
    schedule: false,
  });
  boss.on("error", options.onError ?? ((error) => log.error({ err: error }, "[jobs] pg-boss error")));
  await boss.start();
  for (const queue of Object.values(QUEUE_POLICIES)) {
    if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, queue);
  }
  return {
    schema,
    boss,
    send: (name, data, sendOptions) => boss.send(name, data, sendOptions ?? {}),
    work: (name, workOptions, handler) =>
      boss.work<QueuePayloads[typeof name]>(
        name,
        {
          batchSize: 1,
          includeMetadata: true,
          pollingIntervalSeconds: workOptions.pollingIntervalSeconds ?? 2,
        },
        async (jobs) => {
          for (const job of jobs) await handler(job as QueueJob<typeof name>);
        },
      ),
    offWork: (workerId) => boss.offWork({ id: workerId }),
    pendingKeys: async (name, keys) => {
      if (keys.length === 0) return new Set();
      const { rows } = await boss
        .getDb()
        .executeSql(
          `select distinct singleton_key from ${schema}.job where name = $1 and singleton_key = any($2::text[]) and state < 'completed'`,
          [name, keys],
        );
      return new Set(rows.map((r: { singleton_key: string }) => r.singleton_key));
    },
    stop: (stopOptions) =>
      boss.stop({ graceful: stopOptions?.graceful ?? true, wait: true, timeout: 30_000 }),
  };
}
