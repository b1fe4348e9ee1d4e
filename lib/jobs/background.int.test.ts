import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { usageSyncRuns } from "@/db/schema";
import { startBackgroundJobs } from "@/lib/jobs/background";
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
  } finally {
    await jobs.stop();
  }
});
