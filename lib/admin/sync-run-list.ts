import "server-only";
import { eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { usageSyncRuns } from "@/db/schema";
import { jobStatus, syncKind } from "@/db/schema/enums";
import { exportListCsv, isoInstant } from "@/lib/lists/export";
import { type ListParams, type ListSpec, listFilters } from "@/lib/lists/params";
import { type ListSource, runList } from "@/lib/lists/run";
import { searchCondition } from "@/lib/lists/search";
import { fromDay, toDay } from "./provisioning-list";

/**
 * /admin/acronis/syncs: every usage sync run, newest first. A run is one pass over every datacenter (the
 * table has no datacenter), so there is no datacenter filter.
 */
export const syncRunListSpec = {
  sorts: { started: { dir: "desc" } },
  defaultSort: "started" as const,
  filters: {
    kind: listFilters.oneOf(syncKind.enumValues, "Pick a kind from the list."),
    status: listFilters.oneOf(jobStatus.enumValues, "Pick a status from the list."),
    period: listFilters.month(),
    from: listFilters.day(),
    to: listFilters.day(),
  },
} satisfies ListSpec;

export type SyncRunListParams = ListParams<
  keyof typeof syncRunListSpec.sorts,
  keyof typeof syncRunListSpec.filters
>;

/** The values of a run's errors (tenant ids and messages, not the keys) as one text: what the search reads. */
export const errorText = sql`(jsonb_path_query_array(${usageSyncRuns.errors}, '$[*].*')::text)`;

/** The list's filters and search as conditions: the page and the export filter the same way. */
function syncRunWhere(params: SyncRunListParams): (SQL | undefined)[] {
  const f = params.filters;
  return [
    f.kind ? eq(usageSyncRuns.kind, f.kind as (typeof syncKind.enumValues)[number]) : undefined,
    f.status ? eq(usageSyncRuns.status, f.status as (typeof jobStatus.enumValues)[number]) : undefined,
    // A month close's period is the month's first day.
    f.period ? eq(usageSyncRuns.period, `${f.period}-01`) : undefined,
    f.from ? fromDay(usageSyncRuns.startedAt, f.from) : undefined,
    f.to ? toDay(usageSyncRuns.startedAt, f.to) : undefined,
    // A run's errors name the tenant and what went wrong: "which runs failed on this tenant / this storage".
    searchCondition(params.q, [errorText]),
  ];
}

const syncRunSorts = {
  started: { expr: usageSyncRuns.startedAt, type: "timestamptz" },
} satisfies ListSource<unknown>["sorts"];

/** A page shows how many errors a run had and the first; the whole list is in the export. */
const pageColumns = {
  id: usageSyncRuns.id,
  kind: usageSyncRuns.kind,
  status: usageSyncRuns.status,
  period: usageSyncRuns.period,
  startedAt: usageSyncRuns.startedAt,
  finishedAt: usageSyncRuns.finishedAt,
  tenants: usageSyncRuns.tenants,
  rows: usageSyncRuns.rows,
  errorCount: sql<number>`jsonb_array_length(${usageSyncRuns.errors})`,
  firstError: sql<string | null>`${usageSyncRuns.errors} -> 0 ->> 'message'`,
};

/** One page of usage sync runs. Their id is a bigserial: the cursor's tie-breaker is an int8. */
export async function listSyncRunPage(db: Db, params: SyncRunListParams) {
  return runList(db, params, {
    sorts: syncRunSorts,
    id: usageSyncRuns.id,
    idType: "int8",
    where: syncRunWhere(params),
    rows: ({ keys, where, orderBy, limit }) =>
      db
        .select({ ...pageColumns, ...keys })
        .from(usageSyncRuns)
        .where(where)
        .orderBy(...orderBy)
        .limit(limit),
    count: ({ where, limit }) => db.select({ one: sql`1` }).from(usageSyncRuns).where(where).limit(limit),
  });
}

export type SyncRunListRow = Awaited<ReturnType<typeof listSyncRunPage>>["rows"][number];

/** "month close 2026-03", "manual", "scheduled". */
export function syncRunKindText(row: Pick<SyncRunListRow, "kind" | "period">): string {
  const kind = row.kind.replaceAll("_", " ");
  return row.kind === "month_close" && row.period ? `${kind} ${row.period.slice(0, 7)}` : kind;
}

/**
 * The filtered list (every page of it, not one) as a CSV stream in the list's order; each run's errors in
 * one cell, one per line, with the tenant they concern.
 */
export function exportSyncRunList(db: Db, params: SyncRunListParams, options: { batchSize?: number } = {}) {
  return exportListCsv(
    params,
    {
      sorts: syncRunSorts,
      id: usageSyncRuns.id,
      idType: "int8",
      where: syncRunWhere(params),
      rows: ({ keys, where, orderBy, limit }) =>
        db
          .select({ ...pageColumns, errors: usageSyncRuns.errors, ...keys })
          .from(usageSyncRuns)
          .where(where)
          .orderBy(...orderBy)
          .limit(limit),
    },
    [
      { header: "run", value: (r) => String(r.id) },
      { header: "kind", value: (r) => r.kind },
      { header: "period", value: (r) => r.period?.slice(0, 7) },
      { header: "status", value: (r) => r.status },
      { header: "started", value: (r) => isoInstant(r.startedAt) },
      { header: "finished", value: (r) => isoInstant(r.finishedAt) },
      { header: "tenants", value: (r) => String(r.tenants) },
      { header: "rows", value: (r) => String(r.rows) },
      { header: "error_count", value: (r) => String(r.errorCount) },
      {
        header: "errors",
        value: (r) =>
          r.errors.map((e) => (e.tenantId ? `${e.tenantId}: ${e.message}` : e.message)).join("\n"),
      },
    ],
    options,
  );
}
