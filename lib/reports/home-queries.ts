import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { addDays } from "@/lib/billing";
import { FAILURE_LIST_LIMIT, TRIAL_SOON_DAYS } from "./home-constants";

/** The back-office home's own small queries (the money comes from lib/dashboard's overview). */

/** Billed invoices of `period` that carry a commitment top-up. */
export async function topUpInvoices(db: Db, period: string): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from invoices
    where period = ${period} and status in ('issued', 'paid') and top_up > 0`);
  return row?.n ?? 0;
}

export type TrialFigures = { inProgress: number; endingSoon: number; convertedThisMonth: number };

/** Trials running, ending within a week, and converted to paid since the 1st of this month. */
export async function trialFigures(db: Db, today: string): Promise<TrialFigures> {
  const monthStart = `${today.slice(0, 7)}-01`;
  const [row] = await db.execute<TrialFigures>(sql`
    select
      (select count(*) from contracts where state = 'trial')::int as "inProgress",
      (select count(*) from contracts where state = 'trial'
        and trial_ends_on between ${today}::date and ${addDays(today, TRIAL_SOON_DAYS)}::date)::int as "endingSoon",
      (select count(distinct contract_id) from contract_events
        where event in ('converted', 'trial_ended_converted') and at >= ${monthStart}::timestamptz)::int
        as "convertedThisMonth"`);
  return row ?? { inProgress: 0, endingSoon: 0, convertedThisMonth: 0 };
}

export type FailedJob = {
  jobId: string;
  contractId: string;
  resellerId: string;
  resellerName: string;
  contractState: string;
  kind: string;
  lastError: string | null;
  failedAt: string;
};

/**
 * Contracts whose latest Acronis job failed (a failed setup leaves the contract in provisioning_failed; a
 * failed tier change or suspension leaves it as it was): a retried and succeeded job drops off the list.
 */
export async function failedJobs(
  db: Db,
): Promise<{ count: number; failedContracts: number; jobs: FailedJob[] }> {
  const [rows, counts] = await Promise.all([
    db.execute<FailedJob>(sql`
      with latest as (
        select distinct on (contract_id) id, contract_id, kind, status, last_error, updated_at
        from provisioning_jobs order by contract_id, created_at desc, id
      )
      select l.id as "jobId", c.id as "contractId", r.id as "resellerId", r.name as "resellerName",
        c.state::text as "contractState", l.kind::text as kind, l.last_error as "lastError",
        to_char(l.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "failedAt"
      from latest l
      join contracts c on c.id = l.contract_id
      join resellers r on r.id = c.reseller_id
      where l.status = 'failed' or c.state = 'provisioning_failed'
      order by l.updated_at desc
      limit ${FAILURE_LIST_LIMIT}`),
    db.execute<{ jobs: number; contracts: number }>(sql`
      select
        (select count(*) from (
          select distinct on (contract_id) status from provisioning_jobs order by contract_id, created_at desc, id
        ) l where l.status = 'failed')::int as jobs,
        (select count(*) from contracts where state = 'provisioning_failed')::int as contracts`),
  ]);
  const count = counts[0];
  return { count: count?.jobs ?? 0, failedContracts: count?.contracts ?? 0, jobs: [...rows] };
}
