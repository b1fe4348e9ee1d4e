import "server-only";
import PgBoss from "pg-boss";
import postgres from "postgres";
import { LOCK_NAMESPACE, LOCKS } from "@/db/migrate";
import { log } from "@/lib/log";

/** Every queue Tierline uses, with its payload. */
export type QueuePayloads = {
  /**
   * Run one `provisioning_jobs` row (the singleton key is the row id), or, once per minute slot, the sweep
   * (jobId PROVISIONING_SWEEP, never a row id) that hands pg-boss the rows it does not hold (a NOTIFY no
   * worker heard, rows a dead process left).
   */
  provisioning: { jobId: string };
  /** One usage sync run. */
  "usage-sync": { kind: "scheduled" | "manual" };
  /**
   * One phase of one `billing_runs` row (drafting or issuing); the singleton key is the run id. `today` is
   * the requester's date: the month must have ended on it.
   */
  "billing-run": {
    runId: string;
    phase: "draft" | "issue";
    today: string;
    actor: { userId: string | null; label: string };
  };
  /** The contract lifecycle tick (lib/contracts): once per hourly slot, whichever worker takes it. */
  "lifecycle-tick": Record<string, never>;
  /** Sends queued outbox emails: on every enqueue (NOTIFY), and each minute for retries. */
  "email-delivery": Record<string, never>;
  /** Sends the day's payment reminders of unpaid invoices (lib/invoices/reminders.ts): once per daily slot. */
  "invoice-reminders": Record<string, never>;
  /** Deletes expired rate-limit counters: once per hourly slot. */
  "rate-limit-cleanup": Record<string, never>;
  /** Each minute: queues the usage sync of the current slot (its length is a setting, read each time). */
  "usage-sync-slot": Record<string, never>;
  /**
   * One reconciliation check of a closed month in one datacenter (lib/reconciliation); the singleton key is
   * `period:datacenter`. `today` is the requester's date: the month must have ended on it.
   */
  reconciliation: {
    period: string;
    datacenterId: string;
    today: string;
    actor: { userId: string | null; label: string };
  };
  /**
   * Sends the webhook deliveries that are due (lib/webhooks): on every committed event (NOTIFY), at the next
   * retry's time (`startAfter`), and each minute as a sweep.
   */
  "webhook-delivery": Record<string, never>;
};
export type QueueName = keyof QueuePayloads;

export const PROVISIONING_QUEUE = "provisioning" satisfies QueueName;
/** The provisioning queue's jobId of the per-minute sweep (see lib/provisioning/worker.ts). */
export const PROVISIONING_SWEEP = "sweep";
export const USAGE_SYNC_QUEUE = "usage-sync" satisfies QueueName;
export const BILLING_RUN_QUEUE = "billing-run" satisfies QueueName;
export const LIFECYCLE_TICK_QUEUE = "lifecycle-tick" satisfies QueueName;
export const EMAIL_DELIVERY_QUEUE = "email-delivery" satisfies QueueName;
export const RATE_LIMIT_CLEANUP_QUEUE = "rate-limit-cleanup" satisfies QueueName;
export const INVOICE_REMINDERS_QUEUE = "invoice-reminders" satisfies QueueName;
export const USAGE_SYNC_SLOT_QUEUE = "usage-sync-slot" satisfies QueueName;
export const RECONCILIATION_QUEUE = "reconciliation" satisfies QueueName;
export const WEBHOOK_DELIVERY_QUEUE = "webhook-delivery" satisfies QueueName;

/** pg-boss job states, in its own order (created < retry < active < completed < cancelled < failed). */
export type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

// stately: at most one queued and one running job per singleton key (a provisioning row or a billing run is
// never run twice at once; many emails enqueued at once wake one delivery); singleton: one running job at a
// time (one usage sync, one tick). Work that must happen once per slot is also sent with a singleton key and
// `singletonSeconds` (see lib/jobs/scheduled.ts), so every worker and every restart in the slot sends the
// same job and pg-boss keeps the first.
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
  // No automatic retry: a failed phase stays failed until finance resumes the run (a contract that cannot be
  // rated would fail every retry). A process killed outright leaves its job active until pg-boss expires it.
  "billing-run": {
    name: BILLING_RUN_QUEUE,
    policy: "stately",
    retryLimit: 0,
    expireInSeconds: 2 * 60 * 60,
  },
  // The tick is idempotent per day and records failures per contract; a failed tick is retried once.
  "lifecycle-tick": {
    name: LIFECYCLE_TICK_QUEUE,
    policy: "singleton",
    retryLimit: 1,
    retryDelay: 60,
    expireInSeconds: 30 * 60,
  },
  // No retry: the next enqueue or the next minute's job picks up what a failed delivery left queued.
  "email-delivery": { name: EMAIL_DELIVERY_QUEUE, policy: "stately", retryLimit: 0, expireInSeconds: 5 * 60 },
  // Idempotent per invoice and reminder day (a primary key); a failed run is retried once, then tomorrow's.
  "invoice-reminders": {
    name: INVOICE_REMINDERS_QUEUE,
    policy: "singleton",
    retryLimit: 1,
    retryDelay: 300,
    expireInSeconds: 30 * 60,
  },
  "rate-limit-cleanup": {
    name: RATE_LIMIT_CLEANUP_QUEUE,
    policy: "singleton",
    retryLimit: 0,
    expireInSeconds: 10 * 60,
  },
  "usage-sync-slot": { name: USAGE_SYNC_SLOT_QUEUE, policy: "singleton", retryLimit: 0, expireInSeconds: 60 },
  // One waiting and one running check per (month, datacenter); a failed report (Acronis builds usage history
  // between 01:00 and 06:00 UTC) is retried twice, minutes apart, then shows as failed on the page.
  reconciliation: {
    name: RECONCILIATION_QUEUE,
    policy: "stately",
    retryLimit: 2,
    retryDelay: 120,
    retryBackoff: true,
    expireInSeconds: 30 * 60,
  },
  // No retry: the deliveries' own schedule lives in their rows; the next wake-up or sweep sends what is due.
  // Keys: "now" (an event committed), "at:<second>" (a retry's time); one waiting job per key.
  "webhook-delivery": {
    name: WEBHOOK_DELIVERY_QUEUE,
    policy: "stately",
    retryLimit: 0,
    expireInSeconds: 15 * 60,
  },
};

export type SendOptions = PgBoss.SendOptions;

/**
 * One slot per minute or per hour: every worker, every schedule evaluation and every restart within the slot
 * sends the same job (pg-boss's unique index on queue, key and slot start keeps the first), so the work runs
 * once.
 */
export const MINUTE_SLOT: SendOptions = { singletonKey: "slot", singletonSeconds: 60 };
export const HOURLY_SLOT: SendOptions = { singletonKey: "slot", singletonSeconds: 60 * 60 };
export type QueueJob<N extends QueueName> = PgBoss.JobWithMetadata<QueuePayloads[N]>;
export type WorkOptions = { pollingIntervalSeconds?: number };

export type JobQueue = {
  readonly schema: string;
  readonly boss: PgBoss;
  /** Returns the pg-boss job id, or null when a job with the same singleton key is already waiting. */
  send<N extends QueueName>(name: N, data: QueuePayloads[N], options?: SendOptions): Promise<string | null>;
  /**
   * Sends a job of `name` on `cron` (UTC), once per matching minute however many workers run: pg-boss keeps
   * one schedule per queue in its database, and one instance started with `schedule: true` at a time
   * evaluates them.
   */
  schedule<N extends QueueName>(
    name: N,
    cron: string,
    data: QueuePayloads[N],
    options?: SendOptions,
  ): Promise<void>;
  /** Wakes this process's workers of a queue now instead of at their next poll. */
  wake(workerId: string): void;
  /** One job at a time per call; a thrown error fails the job and pg-boss retries it per the queue policy. */
  work<N extends QueueName>(
    name: N,
    options: WorkOptions,
    handler: (job: QueueJob<N>) => Promise<void>,
  ): Promise<string>;
  offWork(workerId: string): Promise<void>;
  /** Singleton keys of jobs of `name` that pg-boss still holds (created, retry or active). */
  pendingKeys(name: QueueName, keys: string[]): Promise<Set<string>>;
  /**
   * The state of the latest job of `name` per singleton key (absent: no job, or one archived long ago).
   * Pending states (created, retry, active) come first, so a finished job never hides a waiting one.
   */
  latestStates(name: QueueName, keys: string[]): Promise<Map<string, JobState>>;
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
  /**
   * Whether this instance runs pg-boss maintenance (default true). A process that only sends jobs and reads
   * their state (the web server) leaves it to the worker.
   */
  supervise?: boolean;
  /**
   * Whether this instance evaluates pg-boss schedules (default false): the workers do; a process that only
   * sends jobs does not.
   */
  schedule?: boolean;
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
    supervise: options.supervise ?? true,
    schedule: options.schedule ?? false,
  });
  boss.on("error", options.onError ?? ((error) => log.error({ err: error }, "[jobs] pg-boss error")));
  await inTurn(options.connectionString, async () => {
    await boss.start();
    for (const queue of Object.values(QUEUE_POLICIES)) {
      if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, queue);
    }
  });
  return {
    schema,
    boss,
    send: (name, data, sendOptions) => boss.send(name, data, sendOptions ?? {}),
    schedule: (name, cron, data, scheduleOptions) =>
      boss.schedule(name, cron, data, { ...scheduleOptions, tz: "UTC" }),
    wake: (workerId) => boss.notifyWorker(workerId),
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
    latestStates: async (name, keys) => {
      if (keys.length === 0) return new Map();
      const { rows } = await boss.getDb().executeSql(
        `select distinct on (singleton_key) singleton_key, state from ${schema}.job
           where name = $1 and singleton_key = any($2::text[])
           order by singleton_key, state < 'completed' desc, created_on desc`,
        [name, keys],
      );
      return new Map(rows.map((r: { singleton_key: string; state: JobState }) => [r.singleton_key, r.state]));
    },
    stop: (stopOptions) =>
      boss.stop({ graceful: stopOptions?.graceful ?? true, wait: true, timeout: 30_000 }),
  };
}

const starting = new Map<string, Promise<unknown>>();

/**
 * pg-boss creates its schema on the first start; two instances doing that at once leave the loser's
 * connection in an aborted transaction (pg-boss catches the error and waits for PostgreSQL's idle timeout
 * to end it, which on the embedded PGlite, one shared session, never comes). So starts take turns: within a
 * process by a promise chain, across processes by an advisory lock on a connection of their own.
 */
function inTurn<T>(connectionString: string, fn: () => Promise<T>): Promise<T> {
  const previous = starting.get(connectionString) ?? Promise.resolve();
  const run = previous.then(() => withStartLock(connectionString, fn));
  starting.set(
    connectionString,
    run.catch(() => undefined),
  );
  return run;
}

async function withStartLock<T>(connectionString: string, fn: () => Promise<T>): Promise<T> {
  const sql = postgres(connectionString, { max: 1, prepare: false, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${LOCK_NAMESPACE}::int, ${LOCKS.jobs}::int)`;
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_NAMESPACE}::int, ${LOCKS.jobs}::int)`;
    }
  } finally {
    await sql.end({ timeout: 2 });
  }
}
