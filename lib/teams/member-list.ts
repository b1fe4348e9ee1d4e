import "server-only";
import { and, eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { userRole } from "@/db/schema/enums";
import { exportListCsv, isoInstant } from "@/lib/lists/export";
import { type ListParams, type ListSpec, listFilters } from "@/lib/lists/params";
import { type ListSource, runList } from "@/lib/lists/run";
import { searchCondition } from "@/lib/lists/search";
import { inviter, type MemberStatus, memberColumns, toMemberView } from "./members";
import { inTeam, type TeamScope } from "./scope";

export const memberStatuses = ["active", "invited", "disabled"] as const satisfies readonly MemberStatus[];

/** /portal/team and /admin/staff: by name, so a colleague is found where the alphabet puts them. */
export const memberListSpec = {
  sorts: { name: { dir: "asc" }, email: { dir: "asc" }, last_sign_in: { dir: "desc" } },
  defaultSort: "name" as const,
  filters: {
    role: listFilters.oneOf(userRole.enumValues, "Pick a role from the list."),
    status: listFilters.oneOf(memberStatuses, "Pick a status from the list."),
  },
} satisfies ListSpec;

export type MemberListParams = ListParams<
  keyof typeof memberListSpec.sorts,
  keyof typeof memberListSpec.filters
>;

/** The statuses as `statusOf` decides them (lib/teams/members), as conditions. */
const statusConditions: Record<MemberStatus, SQL> = {
  disabled: isNotNull(users.disabledAt),
  invited: and(isNull(users.disabledAt), isNull(users.passwordHash))!,
  active: and(isNull(users.disabledAt), isNotNull(users.passwordHash))!,
};

/** Never signed in sorts as the oldest sign-in (the keyset compares no nulls). */
const lastSignInSql = sql`coalesce(${users.lastSignInAt}, 'epoch'::timestamptz)`;

const memberSorts = {
  name: { expr: users.name, type: "text" },
  email: { expr: users.email, type: "text" },
  last_sign_in: { expr: lastSignInSql, type: "timestamptz" },
} satisfies ListSource<unknown>["sorts"];

/** The team (never another team's users), then the list's filters and its name or email search. */
function memberWhere(scope: TeamScope, params: MemberListParams): (SQL | undefined)[] {
  const f = params.filters;
  return [
    inTeam(scope),
    f.role ? eq(users.role, f.role as (typeof userRole.enumValues)[number]) : undefined,
    f.status ? statusConditions[f.status as MemberStatus] : undefined,
    searchCondition(params.q, [users.name, users.email]),
  ];
}

function memberSource(db: DbOrTx, scope: TeamScope, params: MemberListParams) {
  return {
    sorts: memberSorts,
    id: users.id,
    where: memberWhere(scope, params),
    rows: ({ keys, where, orderBy, limit }) =>
      db
        .select({ ...memberColumns, ...keys })
        .from(users)
        .leftJoin(inviter, eq(inviter.id, users.invitedBy))
        .where(where)
        .orderBy(...orderBy)
        .limit(limit),
    count: ({ where, limit }) => db.select({ one: sql`1` }).from(users).where(where).limit(limit),
  } satisfies ListSource<unknown>;
}

/** One page of a team's members (pending invitations included: they are members not yet active). */
export async function listMemberPage(db: DbOrTx, scope: TeamScope, params: MemberListParams) {
  const page = await runList(db, params, memberSource(db, scope, params));
  return { ...page, rows: page.rows.map(toMemberView) };
}

/** The filtered team as a CSV stream in the list's order: no password, no two-factor secret. */
export function exportMemberList(
  db: DbOrTx,
  scope: TeamScope,
  params: MemberListParams,
  options: { batchSize?: number } = {},
) {
  const { sorts, id, where, rows } = memberSource(db, scope, params);
  return exportListCsv(
    params,
    {
      sorts,
      id,
      where,
      rows: async (q) =>
        (await rows(q)).map((r) => ({ ...toMemberView(r), listKey: r.listKey, listKeyId: r.listKeyId })),
    },
    [
      { header: "name", value: (m) => m.name },
      { header: "email", value: (m) => m.email },
      { header: "role", value: (m) => m.role },
      { header: "status", value: (m) => m.status },
      { header: "two_factor", value: (m) => (m.twoFactorEnabled ? "on" : "off") },
      { header: "last_sign_in", value: (m) => isoInstant(m.lastSignInAt) },
      { header: "invited", value: (m) => isoInstant(m.invitedAt) },
      { header: "invited_by", value: (m) => m.invitedByName },
      { header: "invitation_expires", value: (m) => isoInstant(m.invitationExpiresAt) },
      { header: "removed", value: (m) => isoInstant(m.disabledAt) },
    ],
    options,
  );
}
