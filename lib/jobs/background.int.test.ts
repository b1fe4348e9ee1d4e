import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { usageSyncRuns } from "@/db/schema";
import { INVOICE_REMINDERS_QUEUE } from "@/lib/jobs";
import { startBackgroundJobs } from "@/lib/jobs/background";
import { SCHEDULES } from "@/lib/jobs/scheduled";
import { startTestSimulator, waitFor } from "@/lib/provisioning/test-support";

let stopSim: (() => Promise<void>) | undefined;
let acronis: Awaited<ReturnType<typeof startTestSimulator>>["acronis"];

beforeAll(async () => {
  const started = await startTestSimulator();
  acronis = started.acronis;
  stopSim = () => started.sim.stop();
});
afterAll(async () => {
  await stopSim?.();
});

it("starts the queue, the provisioning worker and the usage schedule, and stops them", async () => {
  const db = globalThis.testDb.db;
  const jobs = await startBackgroundJobs({ db, connectionString: globalThis.testDb.url, acronis });
  try {
    // The schedule's first slot runs at once (an empty database: nothing to sync, still recorded).
    const run = await waitFor(async () => {
      const [row] = await db.select().from(usageSyncRuns).where(eq(usageSyncRuns.kind, "scheduled"));
      return row?.status === "succeeded" ? row : undefined;
    });
    expect(run.tenants).toBe(0);
    expect(await jobs.provisioning.enqueuePending()).toBe(0);
    // The invoices' payment reminders: scheduled once a day, and run once at start.
    const schedules = await db.execute<{ cron: string }>(
      sql`select cron from pgboss.schedule where name = ${INVOICE_REMINDERS_QUEUE}`,
    );
    expect(schedules.map((r) => r.cron)).toEqual([SCHEDULES[INVOICE_REMINDERS_QUEUE]]);
    await waitFor(async () => {
      const done = await db.execute<{ state: string }>(
        sql`select state from pgboss.job where name = ${INVOICE_REMINDERS_QUEUE} and state = 'completed'`,
      );
      return done.length > 0 ? true : undefined;
    });
  } finally {
    await jobs.stop();
  }
});
