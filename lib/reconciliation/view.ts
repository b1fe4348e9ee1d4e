import "server-only";
import type { Db } from "@/db/client";
import type { JobQueue } from "@/lib/jobs/queue";
import { type Comparison, compareUsage } from "./compare";
import { type CheckJob, checkJobs } from "./jobs";
import {
  datacentersToCheck,
  latestChecks,
  listClosedMonths,
  loadReconciliationData,
  type StoredCheck,
  type UnmatchedRow,
} from "./queries";

export type DatacenterStatus = {
  id: string;
  name: string;
  /** The check the figures come from (the newest stored), null before the first. */
  check: StoredCheck | null;
  /** The latest job of this month's check, when pg-boss still holds one. */
  job: CheckJob | null;
};

export type ReconciliationView = {
  /** Months with issued invoices, newest first. */
  months: string[];
  period: string | null;
  tolerancePercent: string;
  datacenters: DatacenterStatus[];
  /** A check is queued or running: the page follows it. */
  working: boolean;
  /** Null until a check of the month is stored. */
  comparison: Comparison | null;
  unmatched: UnmatchedRow[];
};

const PENDING = new Set(["created", "retry", "active"]);

/** The month to show: the one asked for when it has issued invoices, else the newest such month. */
export function pickMonth(months: readonly string[], asked: string | null): string | null {
  return asked && months.includes(asked) ? asked : (months[0] ?? null);
}

/**
 * The reconciliation of one month as the page shows it. The comparison is computed on read from the stored
 * reports and the invoice lines, never stored: a voided invoice, a credit-and-reissue or a new tolerance
 * shows at once, and the stored report stays the one record of what Acronis said.
 */
export async function getReconciliationView(
  db: Db,
  queue: JobQueue,
  input: { period: string | null; tolerancePercent: string },
): Promise<ReconciliationView> {
  const months = await listClosedMonths(db);
  const period = pickMonth(months, input.period);
  const empty = { months, period, tolerancePercent: input.tolerancePercent, unmatched: [] };
  if (!period) return { ...empty, datacenters: [], working: false, comparison: null };
  const [toCheck, checks] = await Promise.all([datacentersToCheck(db, period), latestChecks(db, period)]);
  const names = new Map([
    ...toCheck.map((d) => [d.id, d.name] as const),
    ...checks.map((c) => [c.datacenterId, c.datacenterName] as const),
  ]);
  const jobs = await checkJobs(queue, period, [...names.keys()]);
  const datacenters = [...names]
    .map(([id, name]) => ({
      id,
      name,
      check: checks.find((c) => c.datacenterId === id) ?? null,
      job: jobs.get(id) ?? null,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const working = datacenters.some((d) => d.job && PENDING.has(d.job.state));
  if (checks.length === 0) return { ...empty, datacenters, working, comparison: null };
  const data = await loadReconciliationData(db, period, checks);
  const comparison = compareUsage({ ...data, tolerancePercent: input.tolerancePercent });
  return { ...empty, datacenters, working, comparison, unmatched: data.unmatched };
}

/** The comparison alone (the CSV export, tests): null before the month's first check. */
export async function getComparison(
  db: Db,
  input: { period: string; tolerancePercent: string },
): Promise<{ comparison: Comparison; unmatched: UnmatchedRow[] } | null> {
  const checks = await latestChecks(db, input.period);
  if (checks.length === 0) return null;
  const data = await loadReconciliationData(db, input.period, checks);
  return {
    comparison: compareUsage({ ...data, tolerancePercent: input.tolerancePercent }),
    unmatched: data.unmatched,
  };
}
