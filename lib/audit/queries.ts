import "server-only";
import { and, asc, eq, gte, ilike, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditLog, resellers, users } from "@/db/schema";
import { addDays } from "@/lib/billing/dates";
import { exportListCsv, isoInstant } from "@/lib/lists/export";
import { type ListParams, type ListSpec, listFilters } from "@/lib/lists/params";
import { type ListSource, runList } from "@/lib/lists/run";
import { likePattern, searchCondition } from "@/lib/lists/search";
import { ACTION_LABELS, actionLabel, ENTITY_LABELS } from "./labels";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type AuditEntry = {
  id: number;
  at: Date;
  actorUserId: string | null;
  /** The user's name today, else the label written with the entry (an email, "system"). */
  actorName: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  resellerId: string | null;
  resellerName: string | null;
  data: Record<string, unknown> | null;
};

/**
 * /admin/audit (issue 16): newest first (or oldest first), 50 a page as before; who (a user's id, or the
 * label of an actor without a user such as "system"), what kind (an action key or an entity type) and an
 * inclusive range of UTC days, all in the URL.
 */
export const auditListSpec = {
  sorts: { at: { dir: "desc" } },
  defaultSort: "at" as const,
  defaultSize: 50,
  filters: {
    actor: z.string().max(200, "Pick someone from the list."),
    kind: z.string().max(100, "Pick a kind from the list."),
    from: listFilters.day(),
    to: listFilters.day(),
  },
} satisfies ListSpec;

export type AuditListParams = ListParams<
  keyof typeof auditListSpec.sorts,
  keyof typeof auditListSpec.filters
>;

/** The known action keys and entity types whose words contain `q` ("suspended", "tax rate"). */
function keysLabelled(labels: Record<string, string>, q: string): string[] {
  const needle = q.toLowerCase();
  return Object.entries(labels)
    .filter(([key, label]) => label.toLowerCase().includes(needle) || key.includes(needle))
    .map(([key]) => key);
}

/** People and resellers whose name matches a search, at most this many of each (a broad term finds plenty). */
const NAME_MATCHES = 500;

type NameMatches = { userIds: string[]; resellerIds: string[] };

/**
 * The users and resellers whose name contains `q` (their own trigram indexes), looked up before the log is
 * read: as a list of ids the planner knows how many there are, and with none the branch is left out, so a
 * search for an id or an action reads only the log's trigram indexes rather than walking the whole log.
 */
async function nameMatches(db: Db, q: string): Promise<NameMatches> {
  if (!q) return { userIds: [], resellerIds: [] };
  const pattern = likePattern(q);
  const [people, companies] = await Promise.all([
    db.select({ id: users.id }).from(users).where(ilike(users.name, pattern)).limit(NAME_MATCHES),
    db.select({ id: resellers.id }).from(resellers).where(ilike(resellers.name, pattern)).limit(NAME_MATCHES),
  ]);
  return { userIds: people.map((u) => u.id), resellerIds: companies.map((r) => r.id) };
}

/**
 * What a person searches the log for: the action (its key or its words), what changed (its type's name,
 * its id, or the reseller it belongs to, as the Subject column shows it) and who (the recorded label, an
 * email or "system", or the user's name). Each branch of the OR has an index.
 */
function auditSearch(q: string, names: NameMatches): SQL | undefined {
  if (!q) return undefined;
  const actions = keysLabelled(ACTION_LABELS, q);
  const entityTypes = keysLabelled(ENTITY_LABELS, q);
  return or(
    searchCondition(q, [auditLog.action, auditLog.entityId, auditLog.actorLabel]),
    actions.length > 0 ? inArray(auditLog.action, actions) : undefined,
    entityTypes.length > 0 ? inArray(auditLog.entityType, entityTypes) : undefined,
    names.userIds.length > 0 ? inArray(auditLog.actorUserId, names.userIds) : undefined,
    names.resellerIds.length > 0 ? inArray(auditLog.resellerId, names.resellerIds) : undefined,
  );
}

/** The list's filters and search as conditions: the page and the export filter the same way. */
function auditWhere(params: AuditListParams, names: NameMatches): (SQL | undefined)[] {
  const { actor, kind } = params.filters;
  let { from, to } = params.filters;
  // A range typed the wrong way round reads as the same range.
  if (from && to && from > to) [from, to] = [to, from];
  return [
    actor
      ? UUID.test(actor)
        ? eq(auditLog.actorUserId, actor)
        : and(isNull(auditLog.actorUserId), eq(auditLog.actorLabel, actor))
      : undefined,
    kind ? or(eq(auditLog.action, kind), eq(auditLog.entityType, kind)) : undefined,
    from ? gte(auditLog.at, new Date(`${from}T00:00:00Z`)) : undefined,
    to ? lt(auditLog.at, new Date(`${addDays(to, 1)}T00:00:00Z`)) : undefined,
    auditSearch(params.q, names),
  ];
}

const auditSorts = {
  at: { expr: auditLog.at, type: "timestamptz" },
} satisfies ListSource<unknown>["sorts"];

const entryColumns = {
  id: auditLog.id,
  at: auditLog.at,
  actorUserId: auditLog.actorUserId,
  actorName: sql<string>`coalesce(nullif(${users.name}, ''), ${auditLog.actorLabel})`,
  actorLabel: auditLog.actorLabel,
  action: auditLog.action,
  entityType: auditLog.entityType,
  entityId: auditLog.entityId,
  resellerId: auditLog.resellerId,
  resellerName: sql<string | null>`(select r.name from resellers r where r.id = ${auditLog.resellerId})`,
  data: auditLog.data,
};

function fromAudit<T extends SelectedFields>(db: Db, fields: T) {
  return db.select(fields).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorUserId));
}

/** How far a searched audit log counts its matches. */
export const AUDIT_SEARCH_COUNT_CAP = 1_000;

async function auditSource(db: Db, params: AuditListParams): Promise<ListSource<AuditEntry>> {
  const names = await nameMatches(db, params.q);
  return {
    sorts: auditSorts,
    // The log's bigserial key breaks ties between the entries of one transaction (they share its now()).
    id: auditLog.id,
    idType: "int8",
    where: auditWhere(params, names),
    rows: ({ keys, where, orderBy, limit }) =>
      fromAudit(db, { ...entryColumns, ...keys })
        .where(where)
        .orderBy(...orderBy)
        .limit(limit),
    // The users join only names the actor: the count reads the log alone, and stops at the cap.
    count: ({ where, limit }) => db.select({ one: sql`1` }).from(auditLog).where(where).limit(limit),
    // A search's substring matches are costly to count over 100,000+ entries (a common word matches a fifth
    // of them: 150 ms to count 10,000); its page is not, so a search says "1,000+".
    countCap: params.q ? AUDIT_SEARCH_COUNT_CAP : undefined,
  };
}

/**
 * One page of the audit log (keyset over (at, id): a page never shifts while entries are added), with the
 * actor's name and the reseller's; the count stops at the cap, so it stays cheap at 100,000+ entries.
 */
export async function listAuditPage(db: Db, params: AuditListParams) {
  return runList(db, params, await auditSource(db, params));
}

const json = (value: unknown) => (value === undefined ? "" : JSON.stringify(value));

/**
 * The filtered log (every page of it) as a CSV stream in the list's order, read `batchSize` entries at a
 * time: each entry's values before and after as JSON, and the rest of what it recorded as `details`.
 */
export async function exportAuditLog(
  db: Db,
  params: AuditListParams,
  options: { batchSize?: number } = {},
): Promise<ReadableStream<Uint8Array>> {
  const { count: _count, ...source } = await auditSource(db, params);
  const data = (e: AuditEntry) => e.data ?? {};
  return exportListCsv(
    params,
    source,
    [
      { header: "id", value: (e) => String(e.id) },
      { header: "at", value: (e) => isoInstant(e.at) },
      { header: "actor", value: (e) => e.actorName },
      { header: "actor_label", value: (e) => e.actorLabel },
      { header: "action", value: (e) => e.action },
      { header: "what_happened", value: (e) => actionLabel(e.action) },
      { header: "entity_type", value: (e) => e.entityType },
      { header: "entity_id", value: (e) => e.entityId },
      { header: "reseller", value: (e) => e.resellerName },
      { header: "before", value: (e) => json(data(e).before) },
      { header: "after", value: (e) => json(data(e).after) },
      {
        header: "details",
        value: (e) => {
          const { before: _b, after: _a, ...rest } = data(e);
          return Object.keys(rest).length > 0 ? JSON.stringify(rest) : "";
        },
      },
    ],
    options,
  );
}

/** The distinct values of an indexed column, one index probe each (a loose index scan), not a whole-log scan. */
function distinctValues(db: Db, column: "action" | "entity_type") {
  const c = sql.raw(column);
  return db.execute<{ value: string }>(sql`
    with recursive seen(value) as (
      (select ${c} from audit_log order by ${c} limit 1)
      union all
      select (select a.${c} from audit_log a where a.${c} > seen.value order by a.${c} limit 1)
      from seen where seen.value is not null
    )
    select value from seen where value is not null`);
}

/**
 * The filters' choices: the distributor's staff and the actors without a user (system, API keys, deleted
 * users), by name; the actions and entity types that occur. Reseller users are found by the search.
 */
export async function auditChoices(db: Db) {
  const [staff, labels, actions, entities] = await Promise.all([
    db
      .select({ value: sql<string>`${users.id}::text`, name: users.name })
      .from(users)
      .where(isNull(users.resellerId))
      .orderBy(asc(users.name))
      .limit(500),
    db.execute<{ value: string }>(sql`
      with recursive seen(value) as (
        (select actor_label from audit_log where actor_user_id is null order by actor_label limit 1)
        union all
        select (select a.actor_label from audit_log a
          where a.actor_user_id is null and a.actor_label > seen.value order by a.actor_label limit 1)
        from seen where seen.value is not null
      )
      select value from seen where value is not null limit 500`),
    distinctValues(db, "action"),
    distinctValues(db, "entity_type"),
  ]);
  const actors = [...staff, ...[...labels].map((l) => ({ value: l.value, name: l.value }))].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  return {
    actors,
    actions: [...actions].map((a) => a.value),
    entityTypes: [...entities].map((e) => e.value),
  };
}
