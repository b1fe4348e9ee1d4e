import "server-only";
import { and, desc, eq, gte, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { type AuditFilters, dayAfter } from "./filters";

export const AUDIT_PAGE_SIZE = 50;

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

function conditions(filters: AuditFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.actor) {
    where.push(
      UUID.test(filters.actor)
        ? eq(auditLog.actorUserId, filters.actor)
        : (and(isNull(auditLog.actorUserId), eq(auditLog.actorLabel, filters.actor)) as SQL),
    );
  }
  if (filters.kind)
    where.push(or(eq(auditLog.action, filters.kind), eq(auditLog.entityType, filters.kind)) as SQL);
  if (filters.from) where.push(gte(auditLog.at, new Date(`${filters.from}T00:00:00Z`)));
  if (filters.to) where.push(lt(auditLog.at, new Date(`${dayAfter(filters.to)}T00:00:00Z`)));
  if (filters.before) where.push(lt(auditLog.id, filters.before));
  return where;
}

/**
 * One page of the audit log, newest first, after `filters.before` (keyset on the id, so a page never
 * shifts while entries are added). `older` is the id to continue from, null on the last page.
 */
export async function listAuditEntries(
  db: Db,
  filters: AuditFilters,
  limit = AUDIT_PAGE_SIZE,
): Promise<{ entries: AuditEntry[]; older: number | null }> {
  const where = conditions(filters);
  const rows = await db
    .select({
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
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit);
  return { entries, older: rows.length > limit ? (entries.at(-1)?.id ?? null) : null };
}

/** The filters' choices: who has entries (by name) and which actions and entity types occur. */
export async function auditChoices(db: Db) {
  const [actors, actions, entities] = await Promise.all([
    db.execute<{ value: string; name: string }>(sql`
      select coalesce(a.actor_user_id::text, a.actor_label) as value,
        coalesce(max(u.name), max(a.actor_label)) as name
      from audit_log a left join users u on u.id = a.actor_user_id
      group by coalesce(a.actor_user_id::text, a.actor_label), a.actor_user_id is null
      order by name limit 500`),
    db.execute<{ value: string }>(sql`select distinct action as value from audit_log order by action`),
    db.execute<{ value: string }>(
      sql`select distinct entity_type as value from audit_log order by entity_type`,
    ),
  ]);
  return {
    actors: [...actors],
    actions: actions.map((a) => a.value),
    entityTypes: entities.map((e) => e.value),
  };
}
