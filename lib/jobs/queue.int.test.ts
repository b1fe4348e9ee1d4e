import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BILLING_RUN_QUEUE,
  EMAIL_DELIVERY_QUEUE,
  INVOICE_REMINDERS_QUEUE,
  type JobQueue,
  LIFECYCLE_TICK_QUEUE,
  PROVISIONING_QUEUE,
  RATE_LIMIT_CLEANUP_QUEUE,
  RECONCILIATION_QUEUE,
  startJobQueue,
  USAGE_SYNC_QUEUE,
  USAGE_SYNC_SLOT_QUEUE,
  WEBHOOK_DELIVERY_QUEUE,
} from "@/lib/jobs";

describe("job queue (pg-boss)", () => {
  let queue: JobQueue;
  beforeAll(async () => {
    queue = await startJobQueue({ connectionString: globalThis.testDb.url, maintenanceIntervalSeconds: 1 });
  });
  afterAll(async () => {
    await queue?.stop();
  });

  it("creates its schema and queues, and a second start on the same database is harmless", async () => {
    const again = await startJobQueue({ connectionString: globalThis.testDb.url });
    await again.stop();
    const rows = await globalThis.testDb.sql`select name, policy from pgboss.queue order by name`;
    expect(rows.map((r) => [r.name, r.policy])).toEqual([
      [BILLING_RUN_QUEUE, "stately"],
      [EMAIL_DELIVERY_QUEUE, "stately"],
      [INVOICE_REMINDERS_QUEUE, "singleton"],
      [LIFECYCLE_TICK_QUEUE, "singleton"],
      [PROVISIONING_QUEUE, "stately"],
      [RATE_LIMIT_CLEANUP_QUEUE, "singleton"],
      [RECONCILIATION_QUEUE, "stately"],
      [USAGE_SYNC_QUEUE, "singleton"],
      [USAGE_SYNC_SLOT_QUEUE, "singleton"],
      [WEBHOOK_DELIVERY_QUEUE, "stately"],
    ]);
  });

  it("keeps one waiting job per singleton key and runs it", async () => {
    const first = await queue.send(PROVISIONING_QUEUE, { jobId: "job-a" }, { singletonKey: "job-a" });
    const twin = await queue.send(PROVISIONING_QUEUE, { jobId: "job-a" }, { singletonKey: "job-a" });
    expect(first).toBeTruthy();
    expect(twin).toBeNull();
    expect([...(await queue.pendingKeys(PROVISIONING_QUEUE, ["job-a", "job-b"]))]).toEqual(["job-a"]);
    expect([...(await queue.latestStates(PROVISIONING_QUEUE, ["job-a", "job-b"]))]).toEqual([
      ["job-a", "created"],
    ]);

    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      void queue.work(PROVISIONING_QUEUE, { pollingIntervalSeconds: 0.5 }, async (job) => {
        seen.push(job.data.jobId);
        resolve();
      });
    });
    await done;
    expect(seen).toEqual(["job-a"]);
  });

  it("retries a failed job with its retry count", async () => {
    const attempts: number[] = [];
    await queue.send(USAGE_SYNC_QUEUE, { kind: "manual" }, { retryLimit: 1, retryDelay: 1 });
    const done = new Promise<void>((resolve) => {
      void queue.work(USAGE_SYNC_QUEUE, { pollingIntervalSeconds: 0.5 }, async (job) => {
        attempts.push(job.retryCount);
        if (job.retryCount === 0) throw new Error("first attempt fails");
        resolve();
      });
    });
    await done;
    expect(attempts).toEqual([0, 1]);
  });
});
