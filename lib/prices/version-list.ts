import "server-only";
import { ilike, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { priceVersions } from "@/db/schema";
import { exportListCsv, isoInstant } from "@/lib/lists/export";
import { type ListParams, type ListSpec, listFilters } from "@/lib/lists/params";
import { type ListSource, runList } from "@/lib/lists/run";
import { likePattern } from "@/lib/lists/search";
import type { VersionState } from "./versions";

/** A version's state in the URL ("in force" has a space). */
export const VERSION_STATE_FILTERS = ["in-force", "scheduled", "past"] as const;
type StateFilter = (typeof VERSION_STATE_FILTERS)[number];

export const versionStateLabels: Record<StateFilter, string> = {
  "in-force": "In force",
  scheduled: "Scheduled",
  past: "Past",
};

/** /admin/prices: the versions, the latest start first (scheduled ones, then the one in force, then the past). */
export const versionListSpec = {
  sorts: { effective: { dir: "desc" } },
  defaultSort: "effective" as const,
  filters: {
    state: listFilters.oneOf(VERSION_STATE_FILTERS, "Pick a state from the list."),
  },
} satisfies ListSpec;

export type VersionListParams = ListParams<
  keyof typeof versionListSpec.sorts,
  keyof typeof versionListSpec.filters
>;

/**
 * The state as listVersions derives it, in SQL: the version in force on `today` is the latest one starting
 * on or before the 1st of today's month; later ones are scheduled, earlier ones past.
 */
function stateSql(today: string) {
  const monthStart = `${today.slice(0, 7)}-01`;
  const inForceFrom = sql`(select max(pv.effective_from) from price_versions pv where pv.effective_from <= cast(${monthStart} as date))`;
  return {
    state: sql<VersionState>`case when ${priceVersions.effectiveFrom} > cast(${monthStart} as date) then 'scheduled' when ${priceVersions.effectiveFrom} = ${inForceFrom} then 'in force' else 'past' end`,
    where: {
      scheduled: sql`${priceVersions.effectiveFrom} > cast(${monthStart} as date)`,
      "in-force": sql`${priceVersions.effectiveFrom} = ${inForceFrom}`,
      past: sql`${priceVersions.effectiveFrom} < ${inForceFrom}`,
    } satisfies Record<StateFilter, SQL>,
  };
}

function versionWhere(params: VersionListParams, today: string): (SQL | undefined)[] {
  const state = params.filters.state as StateFilter | undefined;
  return [
    state ? stateSql(today).where[state] : undefined,
    // A handful of rows: no index needed.
    params.q ? ilike(priceVersions.note, likePattern(params.q)) : undefined,
  ];
}

const versionSorts = {
  effective: { expr: priceVersions.effectiveFrom, type: "date" },
} satisfies ListSource<unknown>["sorts"];

function versionSource(db: Db, params: VersionListParams, today: string) {
  const columns = {
    id: priceVersions.id,
    effectiveFrom: priceVersions.effectiveFrom,
    note: priceVersions.note,
    createdAt: priceVersions.createdAt,
    updatedAt: priceVersions.updatedAt,
    state: stateSql(today).state,
    // The latest issued period it priced (migration 0008's function): it never changes again.
    lockedPeriod: sql<string | null>`trim(price_version_issued_period(${priceVersions.effectiveFrom}))`,
  };
  return {
    sorts: versionSorts,
    id: priceVersions.id,
    where: versionWhere(params, today),
    rows: ({ keys, where, orderBy, limit }) =>
      db
        .select({ ...columns, ...keys })
        .from(priceVersions)
        .where(where)
        .orderBy(...orderBy)
        .limit(limit),
    count: ({ where, limit }) => db.select({ one: sql`1` }).from(priceVersions).where(where).limit(limit),
  } satisfies ListSource<unknown>;
}

/** One page of price versions with each one's state on `today` and its lock. */
export async function listVersionPage(db: Db, params: VersionListParams, today: string) {
  return runList(db, params, versionSource(db, params, today));
}

/** The filtered versions (every page) as a CSV stream in the list's order. */
export function exportVersionList(
  db: Db,
  params: VersionListParams,
  today: string,
  options: { batchSize?: number } = {},
) {
  return exportListCsv(
    params,
    versionSource(db, params, today),
    [
      { header: "effective_from", value: (r) => r.effectiveFrom },
      { header: "state", value: (r) => r.state },
      { header: "note", value: (r) => r.note },
      { header: "locked_by_period", value: (r) => r.lockedPeriod },
      { header: "created_at", value: (r) => isoInstant(r.createdAt) },
      { header: "updated_at", value: (r) => isoInstant(r.updatedAt) },
    ],
    options,
  );
}
