import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { systemActor } from "@/lib/audit";
import { BILLING_RUN_QUEUE, type JobQueue, startJobQueue } from "@/lib/jobs";
import { waitFor } from "@/lib/provisioning/test-support";
import { createBillingRun, getBillingRun, startBillingRun } from "./billing-run";
import { issueBillingRun, issueInvoice } from "./issue";
import { previewBillingPeriod } from "./preview";
import {
  type BillingRunWorker,
  getBillingRunView,
  requestBillingRun,
  requestIssue,
  requestResume,
  resumeBillingRun,
  startBillingRunWorker,
} from "./run-jobs";
import { invoicesOf } from "./test-support";

// Issue 10, "What was seen" 5: billing runs accepted open months, a run that crashed while issuing could not
// be resumed, a stopped run waited a fixed 2 minutes, and re-running an issued period made an empty run.
const db = () => globalThis.testDb.db;
const actor = systemActor;
const TODAY = "2026-11-24";

async function runCount() {
  const [row] = await db().select({ n: count() }).from(s.billingRuns);
  return Number(row?.n ?? 0);
}

/** Invoice numbers of a period, sorted, and the year's sequence: together they prove there is no gap. */
async function numbersOf(period: string) {
  const rows = await invoicesOf(db(), period);
  return rows.map((r) => r.number).sort();
}

/** The last invoice number of 2026: tests read numbers relative to it, so they pass in any order. */
async function lastInvoiceNumber(): Promise<number> {
  const [row] = await db()
    .select()
    .from(s.documentSequences)
    .where(and(eq(s.documentSequences.kind, "invoice"), eq(s.documentSequences.year, 2026)));
  return row?.lastNumber ?? 0;
}

const invoiceNumbers = (after: number, n: number) =>
  Array.from({ length: n }, (_, i) => `INV-2026-${String(after + 1 + i).padStart(6, "0")}`);

// Each test bills a month of its own: 2026-07 issued, 2026-08 liveness, 2026-09 jobs, 2026-10 crash while
// issuing, 2026-11 (not ended) refused.
let queue: JobQueue;

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`) });
  queue = await startJobQueue({ connectionString: globalThis.testDb.url, maintenanceIntervalSeconds: 1 });
});
afterAll(async () => {
  await queue?.stop({ graceful: false });
});

describe("only closed months are billed", () => {
  it("refuses to draft the current month or a future one, and creates no run", async () => {
    const before = await runCount();
    await expect(startBillingRun(db(), { period: "2026-11", actor, today: TODAY })).rejects.toThrow(
      "2026-11 has not ended yet: a month can be billed from the 1st day after it closes (2026-12-01)",
    );
    await expect(requestBillingRun(db(), queue, { period: "2027-01", actor, today: TODAY })).rejects.toThrow(
      "2027-01 has not ended yet",
    );
    await expect(createBillingRun(db(), { period: "2099-12", actor, today: TODAY })).rejects.toThrow(
      "has not ended yet",
    );
    expect(await runCount()).toBe(before);
  });

  it("previews the current month as an estimate, next month as a forecast, and refuses a later month", async () => {
    const current = await previewBillingPeriod(db(), { period: "2026-11", today: TODAY });
    expect(current.estimate).toBe(true);
    expect(current.contracts).toBeGreaterThan(0);
    const closed = await previewBillingPeriod(db(), { period: "2026-10", today: TODAY });
    expect(closed.estimate).toBe(false);
    await expect(previewBillingPeriod(db(), { period: "2099-12", today: TODAY })).rejects.toThrow(
      "2099-12 has not started yet",
    );
    const next = await previewBillingPeriod(db(), { period: "2026-12", today: TODAY });
    expect(next.upcoming).toBe(true);
    await expect(previewBillingPeriod(db(), { period: "2027-01", today: TODAY })).rejects.toThrow(
      "has not started yet",
    );
  });

  it("refuses to issue drafts of a month that has not ended, run or single invoice", async () => {
    // Drafts of 2026-11 as a run on 2026-12-01 would write them; issuing them on 2026-11-24 is refused.
    const run = await startBillingRun(db(), { period: "2026-11", actor, today: "2026-12-01" });
    expect(run.status).toBe("drafted");
    await expect(issueBillingRun(db(), { runId: run.id, actor, today: TODAY })).rejects.toThrow(
      "2026-11 has not ended yet",
    );
    const [draft] = await invoicesOf(db(), "2026-11");
    await expect(issueInvoice(db(), { invoiceId: draft!.id, actor, today: TODAY })).rejects.toThrow(
      "2026-11 has not ended yet",
    );
    expect((await getBillingRun(db(), run.id)).status).toBe("drafted");
    const view = await getBillingRunView(db(), queue, { runId: run.id, today: TODAY });
    expect(view.controls.canIssue).toBe(false);
    expect(view.controls.blocked).toMatch(/2026-11 has not ended yet/);
    await expect(requestIssue(db(), queue, { runId: run.id, actor, today: TODAY })).rejects.toThrow(
      "has not ended yet",
    );
    // The run is left as drafted, and removed so later tests see only their own drafts.
    await db().delete(s.invoices).where(eq(s.invoices.billingRunId, run.id));
    await db().delete(s.billingRuns).where(eq(s.billingRuns.id, run.id));
  });
});

describe("a run's liveness comes from its job", () => {
  it("a running run without a job is stopped at once; with a queued or active job it is working", async () => {
    const run = await createBillingRun(db(), { period: "2026-08", actor, today: TODAY });
    // Just updated, status running, but no job works on it: resumable now, no fixed wait.
    let view = await getBillingRunView(db(), queue, { runId: run.id, today: TODAY });
    expect(Date.now() - view.run.updatedAt.getTime()).toBeLessThan(60_000);
    expect(view.job).toBeNull();
    expect(view.controls).toMatchObject({ working: false, stopped: true, resume: "drafting" });

    await queue.send(
      BILLING_RUN_QUEUE,
      { runId: run.id, phase: "draft", today: TODAY, actor },
      { singletonKey: run.id },
    );
    view = await getBillingRunView(db(), queue, { runId: run.id, today: TODAY });
    expect(view.job).toBe("created");
    expect(view.controls).toMatchObject({ working: true, stopped: false, resume: null });

    const [job] = await queue.boss.fetch(BILLING_RUN_QUEUE);
    expect(job?.data).toMatchObject({ runId: run.id });
    view = await getBillingRunView(db(), queue, { runId: run.id, today: TODAY });
    expect(view.job).toBe("active");
    expect(view.controls.working).toBe(true);
    await expect(requestResume(db(), queue, { runId: run.id, actor, today: TODAY })).rejects.toThrow(
      "still in progress",
    );

    // The process working on it dies: pg-boss fails its job, and the run is resumable at once.
    await queue.boss.fail(BILLING_RUN_QUEUE, job!.id);
    view = await getBillingRunView(db(), queue, { runId: run.id, today: TODAY });
    expect(view.job).toBe("failed");
    expect(view.controls).toMatchObject({ working: false, stopped: true, resume: "drafting" });

    const drafted = await resumeBillingRun(db(), { runId: run.id, actor, today: TODAY });
    expect(drafted.status).toBe("drafted");
    expect((await invoicesOf(db(), "2026-08")).length).toBe(3);
  });
});

describe("resume after a crash while issuing", () => {
  it("continues issuing the drafts that are left, numbered without a gap", async () => {
    const run = await startBillingRun(db(), { period: "2026-10", actor, today: TODAY });
    const last = await lastInvoiceNumber();
    let batches = 0;
    const crashSecondBatch = () => {
      batches += 1;
      if (batches === 2) throw new Error("simulated crash while issuing");
    };
    await expect(
      issueBillingRun(db(), {
        runId: run!.id,
        actor,
        today: TODAY,
        batchSize: 1,
        insideIssue: crashSecondBatch,
      }),
    ).rejects.toThrow("simulated crash while issuing");
    const stopped = await getBillingRun(db(), run!.id);
    expect(stopped.status).toBe("issuing");
    expect(stopped.issuedInvoices).toBe(1);
    const view = await getBillingRunView(db(), queue, { runId: run!.id, today: TODAY });
    expect(view.controls).toMatchObject({ stopped: true, resume: "issuing", canIssue: false });

    const issued = await resumeBillingRun(db(), { runId: run!.id, actor, today: TODAY, batchSize: 1 });
    expect(issued.status).toBe("issued");
    expect(issued.issuedInvoices).toBe(3);
    expect(await numbersOf("2026-10")).toEqual(invoiceNumbers(last, 3));
  });

  it("says that everything is issued instead of creating an empty run", async () => {
    const run = await startBillingRun(db(), { period: "2026-07", actor, today: TODAY });
    await issueBillingRun(db(), { runId: run.id, actor, today: TODAY });
    const before = await runCount();
    await expect(createBillingRun(db(), { period: "2026-07", actor, today: TODAY })).rejects.toThrow(
      "Every invoice of 2026-07 is issued; nothing to draft",
    );
    await expect(requestBillingRun(db(), queue, { period: "2026-07", actor, today: TODAY })).rejects.toThrow(
      "Every invoice of 2026-07 is issued",
    );
    expect(await runCount()).toBe(before);
  });
});

describe("runs as pg-boss jobs", () => {
  let worker: BillingRunWorker | undefined;
  let crashes = 0;
  afterAll(async () => {
    await worker?.stop();
  });

  it("drafts, crashes while issuing, offers to resume issuing and finishes with no gap", async () => {
    worker = await startBillingRunWorker({
      db: db(),
      queue,
      queuePollingSeconds: 0.5,
      runOptions: {
        batchSize: 1,
        insideIssue: () => {
          crashes += 1;
          if (crashes === 2) throw new Error("simulated crash while issuing");
        },
      },
    });
    const last = await lastInvoiceNumber();
    const run = await requestBillingRun(db(), queue, { period: "2026-09", actor, today: TODAY });
    const drafted = await waitFor(async () => {
      const view = await getBillingRunView(db(), queue, { runId: run.id, today: TODAY });
      return view.run.status === "drafted" && view;
    });
    expect(drafted.controls).toMatchObject({ working: false, canIssue: true, resume: null });
    expect(drafted.counts.draft).toBeGreaterThan(1);
    const drafts = drafted.counts.draft ?? 0;

    await requestIssue(db(), queue, { runId: run.id, actor, today: TODAY });
    const afterIssue = await getBillingRunView(db(), queue, { runId: run.id, today: TODAY });
    expect(afterIssue.run.status).toMatch(/issuing|issued/);
    expect(afterIssue.controls.stopped).toBe(false);

    // The job failed in its second batch: the run stays issuing and is resumable as soon as the job failed.
    const stopped = await waitFor(async () => {
      const view = await getBillingRunView(db(), queue, { runId: run.id, today: TODAY });
      return view.job === "failed" && view;
    });
    expect(stopped.run.status).toBe("issuing");
    expect(stopped.run.error).toMatch(/simulated crash/);
    expect(stopped.controls).toMatchObject({ stopped: true, resume: "issuing" });

    expect(await requestResume(db(), queue, { runId: run.id, actor, today: TODAY })).toBe("issuing");
    const issued = await waitFor(async () => {
      const view = await getBillingRunView(db(), queue, { runId: run.id, today: TODAY });
      return view.run.status === "issued" && view;
    });
    expect(issued.run.issuedInvoices).toBe(drafts);
    expect(issued.controls).toMatchObject({ working: false, stopped: false, resume: null, canIssue: false });
    // The numbers continue the year's sequence with no gap and no duplicate.
    expect(await numbersOf("2026-09")).toEqual(invoiceNumbers(last, drafts));
    expect(await lastInvoiceNumber()).toBe(last + drafts);
  });
});
