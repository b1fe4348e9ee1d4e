import "server-only";
import { asc, eq, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { acronisDatacenters, contracts, provisioningJobs, provisioningSteps, resellers } from "@/db/schema";
import { jobStatus, provisioningKind } from "@/db/schema/enums";
import { exportListCsv, isoInstant } from "@/lib/lists/export";
import { type ListParams, type ListSpec, listFilters } from "@/lib/lists/params";
import { type ListSource, runList } from "@/lib/lists/run";
import { searchCondition } from "@/lib/lists/search";

/** /admin/provisioning: every change pushed to Acronis, newest first. */
export const provisioningListSpec = {
  sorts: { created: { dir: "desc" } },
  defaultSort: "created" as const,
  filters: {
    status: listFilters.oneOf(jobStatus.enumValues, "Pick a status from the list."),
    kind: listFilters.oneOf(provisioningKind.enumValues, "Pick a kind from the list."),
    datacenter: listFilters.uuid("Pick a datacenter from the list."),
    from: listFilters.day(),
    to: listFilters.day(),
  },
} satisfies ListSpec;

export type ProvisioningListParams = ListParams<
  keyof typeof provisioningListSpec.sorts,
  keyof typeof provisioningListSpec.filters
>;

/** An instant on or after the start of a UTC day. */
export function fromDay(column: AnyPgColumn, day: string): SQL {
  return sql`${column} >= cast(${day} as date)::timestamp at time zone 'UTC'`;
}

/** An instant before the end of a UTC day (the day included). */
export function toDay(column: AnyPgColumn, day: string): SQL {
  return sql`${column} < (cast(${day} as date) + 1)::timestamp at time zone 'UTC'`;
}

/** The list's filters and search as conditions: the page and the export filter the same way. */
function provisioningWhere(params: ProvisioningListParams): (SQL | undefined)[] {
  const f = params.filters;
  return [
    f.status ? eq(provisioningJobs.status, f.status as (typeof jobStatus.enumValues)[number]) : undefined,
    f.kind ? eq(provisioningJobs.kind, f.kind as (typeof provisioningKind.enumValues)[number]) : undefined,
    f.datacenter ? eq(resellers.datacenterId, f.datacenter) : undefined,
    f.from ? fromDay(provisioningJobs.createdAt, f.from) : undefined,
    f.to ? toDay(provisioningJobs.createdAt, f.to) : undefined,
    searchCondition(params.q, [resellers.name, resellers.acronisAdminLogin]),
  ];
}

const provisioningSorts = {
  created: { expr: provisioningJobs.createdAt, type: "timestamptz" },
} satisfies ListSource<unknown>["sorts"];

/**
 * The step the job is at: the first (by position) not yet succeeded — running, waiting for a retry, or the
 * one it failed on. None once every step succeeded (steps are recorded as they start).
 */
const openStep = (field: "step" | "status") =>
  sql<
    string | null
  >`(select s.${sql.raw(field)}::text from ${provisioningSteps} s where s.job_id = ${provisioningJobs.id} and s.status <> 'succeeded' order by s.position limit 1)`;

const jobColumns = {
  id: provisioningJobs.id,
  kind: provisioningJobs.kind,
  status: provisioningJobs.status,
  attempts: provisioningJobs.attempts,
  lastError: provisioningJobs.lastError,
  createdAt: provisioningJobs.createdAt,
  updatedAt: provisioningJobs.updatedAt,
  finishedAt: provisioningJobs.finishedAt,
  step: openStep("step"),
  stepStatus: openStep("status"),
  contractState: contracts.state,
  resellerId: resellers.id,
  reseller: resellers.name,
  acronisLogin: resellers.acronisAdminLogin,
  datacenter: acronisDatacenters.name,
};

/** One page of provisioning jobs of every reseller; the search matches the reseller's name or Acronis login. */
export async function listProvisioningPage(db: Db, params: ProvisioningListParams) {
  return runList(db, params, {
    sorts: provisioningSorts,
    id: provisioningJobs.id,
    where: provisioningWhere(params),
    rows: ({ keys, where, orderBy, limit }) =>
      db
        .select({ ...jobColumns, ...keys })
        .from(provisioningJobs)
        .innerJoin(contracts, eq(contracts.id, provisioningJobs.contractId))
        .innerJoin(resellers, eq(resellers.id, contracts.resellerId))
        .innerJoin(acronisDatacenters, eq(acronisDatacenters.id, resellers.datacenterId))
        .where(where)
        .orderBy(...orderBy)
        .limit(limit),
    count: ({ where, limit }) =>
      db
        .select({ one: sql`1` })
        .from(provisioningJobs)
        .innerJoin(contracts, eq(contracts.id, provisioningJobs.contractId))
        .innerJoin(resellers, eq(resellers.id, contracts.resellerId))
        .innerJoin(acronisDatacenters, eq(acronisDatacenters.id, resellers.datacenterId))
        .where(where)
        .limit(limit),
  });
}

export type ProvisioningListRow = Awaited<ReturnType<typeof listProvisioningPage>>["rows"][number];

/** The filtered list (every page of it, not one) as a CSV stream in the list's order. */
export function exportProvisioningList(
  db: Db,
  params: ProvisioningListParams,
  options: { batchSize?: number } = {},
) {
  return exportListCsv(
    params,
    {
      sorts: provisioningSorts,
      id: provisioningJobs.id,
      where: provisioningWhere(params),
      rows: ({ keys, where, orderBy, limit }) =>
        db
          .select({ ...jobColumns, ...keys })
          .from(provisioningJobs)
          .innerJoin(contracts, eq(contracts.id, provisioningJobs.contractId))
          .innerJoin(resellers, eq(resellers.id, contracts.resellerId))
          .innerJoin(acronisDatacenters, eq(acronisDatacenters.id, resellers.datacenterId))
          .where(where)
          .orderBy(...orderBy)
          .limit(limit),
    },
    [
      { header: "job_id", value: (r) => r.id },
      { header: "reseller", value: (r) => r.reseller },
      { header: "acronis_login", value: (r) => r.acronisLogin },
      { header: "datacenter", value: (r) => r.datacenter },
      { header: "kind", value: (r) => r.kind },
      { header: "status", value: (r) => r.status },
      { header: "step", value: (r) => r.step },
      { header: "step_status", value: (r) => r.stepStatus },
      { header: "attempts", value: (r) => String(r.attempts) },
      { header: "last_error", value: (r) => r.lastError },
      { header: "contract_state", value: (r) => r.contractState },
      { header: "created", value: (r) => isoInstant(r.createdAt) },
      { header: "updated", value: (r) => isoInstant(r.updatedAt) },
      { header: "finished", value: (r) => isoInstant(r.finishedAt) },
    ],
    options,
  );
}

/** The datacenter filter's choices, by name. */
export async function provisioningDatacenterChoices(db: Db) {
  return db
    .select({ id: acronisDatacenters.id, name: acronisDatacenters.name })
    .from(acronisDatacenters)
    .orderBy(asc(acronisDatacenters.name));
}
