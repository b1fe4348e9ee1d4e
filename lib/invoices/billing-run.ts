import "server-only";
import { and, count, eq, inArray, ne, notExists, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { type BillingRun, billingRuns, contracts, invoices } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { isPeriod, periodEnd } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { type Catalogue, loadCatalogue } from "./catalogue-loader";
import { type LoadedContract, loadContractInputs } from "./contract-loader";
import { countCoveredContracts, coveredContractsWhere, pageCoveredContracts } from "./coverage";
import { acceptsCopy, writeDrafts } from "./draft-writer";
import { assertPeriodClosed } from "./periods";
import type { RatedContract } from "./rate-contracts";
import { rateOrExplain } from "./rate-errors";

export type BillingRunOptions = {
  /** Contracts per transaction. */
  batchSize?: number;
  /** Test hook: runs before each batch's transaction (throw to simulate a crash). */
  beforeBatch?: (info: { runId: string; batchIndex: number }) => void | Promise<void>;
  /** Progress callback after each committed batch. */
  onProgress?: (progress: { processed: number; total: number; lines: number }) => void;
  /**
   * Milliseconds of the drafting loop (for the benchmark): waiting for a batch's inputs, rating, waiting
   * for the previous batch's write, and the writes' own duration (which overlaps the other stages).
   */
  onStats?: (stats: { loadWait: number; rate: number; writeWait: number; write: number }) => void;
};

export const DEFAULT_BATCH_SIZE = 500;

/**
 * Creates a run for `period` and drafts an invoice for every covered, billable contract, batch by batch, in
 * this process (the CLI, the benchmark and tests; the back office queues the drafting as a job instead).
 */
export async function startBillingRun(
  db: Db,
  input: { period: string; actor: Actor; today: string } & BillingRunOptions,
): Promise<BillingRun> {
  const run = await createBillingRun(db, input);
  return draftRun(db, run, input);
}

/**
 * The run row of a new run, status `running`, nothing drafted yet. Refused for a month that has not ended
 * on `today`, while another run of the month is drafting or issuing, and when there is nothing to draft
 * (every covered contract's invoice is issued already, or no contract is covered).
 */
export async function createBillingRun(
  db: Db,
  input: { period: string; actor: Actor; today: string },
): Promise<BillingRun> {
  const { period } = input;
  if (!isPeriod(period)) throw new AppError("validation", `Not a period (YYYY-MM): ${period}`);
  assertPeriodClosed(period, input.today);
  return db.transaction(async (tx) => {
    // One start per period at a time: the checks below and the insert see the same runs.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`billing_run:${period}`}))`);
    const [busy] = await tx
      .select({ id: billingRuns.id, status: billingRuns.status })
      .from(billingRuns)
      .where(and(eq(billingRuns.period, period), inArray(billingRuns.status, ["running", "issuing"])))
      .limit(1);
    if (busy) {
      const doing = busy.status === "issuing" ? "issuing" : "drafting";
      throw new AppError(
        "conflict",
        `A run of ${period} is still ${doing}: open it to follow or resume it instead of starting another`,
      );
    }
    const total = await countCoveredContracts(tx, period);
    if (total === 0) throw new AppError("conflict", `No contract is billed for ${period}; nothing to draft`);
    if ((await countContractsToDraft(tx, period)) === 0) {
      throw new AppError("conflict", `Every invoice of ${period} is issued; nothing to draft`);
    }
    const [created] = await tx
      .insert(billingRuns)
      .values({ period, createdBy: input.actor.userId, totalContracts: total })
      .returning();
    if (!created) throw new AppError("internal", "Could not create the billing run");
    await writeAudit(tx, input.actor, {
      action: "billing_run.start",
      entityType: "billing_run",
      entityId: created.id,
      data: { period, totalContracts: total },
    });
    return created;
  });
}

/** Covered contracts of `period` without an issued, paid or void invoice: what a run could still draft. */
async function countContractsToDraft(tx: DbOrTx, period: string): Promise<number> {
  const settled = tx
    .select({ one: sql`1` })
    .from(invoices)
    .where(
      and(eq(invoices.contractId, contracts.id), eq(invoices.period, period), ne(invoices.status, "draft")),
    );
  const [row] = await tx
    .select({ n: count() })
    .from(contracts)
    .where(and(coveredContractsWhere(period), notExists(settled)));
  return Number(row?.n ?? 0);
}

/**
 * Continues drafting a run after a crash (status `running` or `failed`): drafts this run already wrote are
 * kept, everything else is (re)drafted. Any other status is returned as it is. lib/invoices/run-jobs.ts
 * resumes either phase.
 */
export async function resumeDrafting(
  db: Db,
  runId: string,
  options: { today: string } & BillingRunOptions,
): Promise<BillingRun> {
  const run = await getBillingRun(db, runId);
  if (run.status !== "running" && run.status !== "failed") return run;
  assertPeriodClosed(run.period, options.today);
  const total = await countCoveredContracts(db, run.period);
  const [resumed] = await db
    .update(billingRuns)
    .set({ status: "running", error: null, totalContracts: total, updatedAt: new Date() })
    .where(eq(billingRuns.id, runId))
    .returning();
  return draftRun(db, resumed ?? run, options);
}

export async function getBillingRun(db: Db, runId: string): Promise<BillingRun> {
  const [run] = await db.select().from(billingRuns).where(eq(billingRuns.id, runId));
  if (!run) throw new AppError("not_found", "Billing run not found");
  return run;
}

async function draftRun(db: Db, run: BillingRun, options: BillingRunOptions): Promise<BillingRun> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let processed = 0;
  let lines = 0;
  let batchIndex = 0;
  const stats = { loadWait: 0, rate: 0, writeWait: 0, write: 0 };
  try {
    const catalogue = await loadRunCatalogue(db, run.period);
    const copy = await acceptsCopy(db);
    const pages = pageCoveredContracts(db, run.period, batchSize);
    let page = await pages.next();
    let loading = page.done ? null : prefetchInputs(db, catalogue, page.value);
    // Three stages in flight: batch i+1 loads (one connection), batch i is rated (Node), batch i−1 is
    // written (another connection). At most three batches are held, whatever the number of contracts.
    let writing: Promise<void> | null = null;
    try {
      while (!page.done && loading) {
        const ids = page.value;
        let mark = performance.now();
        const loaded = await loading;
        stats.loadWait += performance.now() - mark;
        page = await pages.next();
        loading = page.done ? null : prefetchInputs(db, catalogue, page.value);
        loading?.catch(() => {});
        mark = performance.now();
        const rated = await rateBatch(catalogue, loaded);
        stats.rate += performance.now() - mark;
        mark = performance.now();
        await writing;
        stats.writeWait += performance.now() - mark;
        await options.beforeBatch?.({ runId: run.id, batchIndex });
        const started = performance.now();
        writing = db
          .transaction(async (tx) => {
            // Room for the lines guard's transition table (one row per line of the batch) in memory.
            await tx.execute(sql`set local work_mem = '256MB'`);
            const written = await draftBatch(tx, run, ids, rated, copy);
            processed += ids.length;
            await tx
              .update(billingRuns)
              .set({ processedContracts: processed, updatedAt: new Date() })
              .where(eq(billingRuns.id, run.id));
            return written;
          })
          .then((written) => {
            lines += written;
            stats.write += performance.now() - started;
            options.onProgress?.({ processed, total: run.totalContracts, lines });
          });
        writing.catch(() => {});
        batchIndex += 1;
      }
      await writing;
    } finally {
      // A failed stage never leaves a write running behind the run's status update.
      await writing?.catch(() => {});
    }
    options.onStats?.(stats);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(billingRuns)
      .set({ status: "failed", error: message.slice(0, 2000), updatedAt: new Date() })
      .where(eq(billingRuns.id, run.id));
    throw error;
  }
  const [drafted] = await db
    .update(billingRuns)
    .set({ status: "drafted", processedContracts: processed, updatedAt: new Date() })
    .where(eq(billingRuns.id, run.id))
    .returning();
  return drafted ?? run;
}

/** A batch's inputs, read in a transaction of their own with room to aggregate usage in memory. */
export function prefetchInputs(db: Db, catalogue: Catalogue, ids: string[]): Promise<LoadedContract[]> {
  return db.transaction(async (tx) => {
    // Room to aggregate a batch's usage in memory; no JIT (compiling costs more than it saves here).
    await tx.execute(sql`set local work_mem = '64MB'`);
    await tx.execute(sql`set local jit = off`);
    return loadContractInputs(tx, catalogue, ids);
  });
}

/** The catalogue of a run: prices only in the currencies its contracts are invoiced in. */
export async function loadRunCatalogue(db: Db, period: string): Promise<Catalogue> {
  const rows = await db
    .selectDistinct({ currency: contracts.currency })
    .from(contracts)
    .where(coveredContractsWhere(period));
  return loadCatalogue(
    db,
    period,
    rows.map((row) => row.currency),
  );
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** A contract's rating, or the error that rating raised (thrown only if the contract is drafted). */
type RatedOrFailed = { loaded: LoadedContract; rated: RatedContract | null; error: unknown };

const RATE_SLICE = 10;

/**
 * Rates a batch before its transaction, yielding to the event loop every few contracts so the next batch's
 * rows keep arriving and the previous write keeps streaming while Node computes.
 */
async function rateBatch(catalogue: Catalogue, loaded: LoadedContract[]): Promise<RatedOrFailed[]> {
  const out: RatedOrFailed[] = [];
  for (let i = 0; i < loaded.length; i += 1) {
    const entry = loaded[i] as LoadedContract;
    try {
      out.push({ loaded: entry, rated: rateOrExplain(catalogue, entry), error: null });
    } catch (error) {
      out.push({ loaded: entry, rated: null, error });
    }
    if (i % RATE_SLICE === RATE_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

/**
 * One batch inside one transaction. Issued, paid and void invoices are left alone; a draft this run already
 * wrote (after the run started) is skipped, so a resumed run never redoes or duplicates work; any other
 * draft is replaced in place; a draft whose contract is no longer billable is deleted. A contract that
 * could not be rated fails the batch only if it was to be drafted.
 */
async function draftBatch(
  tx: Tx,
  run: BillingRun,
  ids: string[],
  prefetched: RatedOrFailed[],
  copy: boolean,
): Promise<number> {
  const existing = await tx
    .select({
      id: invoices.id,
      contractId: invoices.contractId,
      status: invoices.status,
      runId: invoices.billingRunId,
      updatedAt: invoices.updatedAt,
    })
    .from(invoices)
    .where(and(eq(invoices.period, run.period), inArray(invoices.contractId, ids)))
    .for("update");
  const existingByContract = new Map(existing.map((row) => [row.contractId, row]));
  const todo = ids.filter((id) => {
    const invoice = existingByContract.get(id);
    if (!invoice) return true;
    if (invoice.status !== "draft") return false;
    return !(invoice.runId === run.id && invoice.updatedAt >= run.startedAt);
  });

  const rated: RatedContract[] = [];
  const staleDraftIds: string[] = [];
  const wanted = new Set(todo);
  for (const entry of prefetched.filter(({ loaded }) => wanted.has(loaded.contractId))) {
    if (entry.error) throw entry.error;
    const draftId = existingByContract.get(entry.loaded.contractId)?.id;
    if (entry.rated) rated.push(entry.rated);
    else if (draftId) staleDraftIds.push(draftId);
  }
  const replacedDraftIds = rated.flatMap((r) => existingByContract.get(r.loaded.contractId)?.id ?? []);
  return writeDrafts(tx, {
    runId: run.id,
    period: run.period,
    invoiceDate: periodEnd(run.period),
    rated,
    staleDraftIds,
    replacedDraftIds,
    copy,
  });
}

/** Counts of a run's invoices by status, for a progress or review screen. */
export async function countRunInvoices(db: Db, runId: string): Promise<Record<string, number>> {
  const rows = await db.execute<{ status: string; n: number }>(
    sql`select status, count(*)::int as n from invoices where billing_run_id = ${runId} group by status`,
  );
  return Object.fromEntries([...rows].map((row) => [row.status, Number(row.n)]));
}
