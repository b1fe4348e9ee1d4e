import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { users, userTokens } from "@/db/schema";
import type { Role } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { inTeam, memberOf, type TeamScope } from "./scope";

export type MemberStatus = "active" | "invited" | "disabled";

export type MemberView = {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: MemberStatus;
  /** When the pending invitation was (last) sent; the account's creation for an owner created by hand. */
  invitedAt: Date | null;
  invitedByName: string | null;
  /** When the newest unused invitation link stops working (null: none is pending). */
  invitationExpiresAt: Date | null;
  lastSignInAt: Date | null;
  disabledAt: Date | null;
  /** Two-factor sign-in is on (confirmed; a set-up begun and not finished does not count). */
  twoFactorEnabled: boolean;
};

/**
 * A member is disabled once removed, invited while no password is set (the invitation sets it), active
 * otherwise. An owner created by hand in the back office is invited the same way (a password link).
 */
export function statusOf(user: { disabledAt: Date | null; passwordHash: string | null }): MemberStatus {
  if (user.disabledAt) return "disabled";
  return user.passwordHash ? "active" : "invited";
}

/** Who sent a member's invitation: join it as `leftJoin(inviter, eq(inviter.id, users.invitedBy))`. */
export const inviter = alias(users, "inviter");

/**
 * When a member's newest unused invitation link stops working: an invitation, or the password link of an
 * owner an admin created by hand (lib/resellers/create). Read per row (user_tokens_user_idx).
 */
const invitationExpirySql =
  sql<Date | null>`(select max(${userTokens.expiresAt}) from ${userTokens} where ${userTokens.userId} = ${users.id} and ${userTokens.purpose} in ('invitation', 'password_reset') and ${userTokens.usedAt} is null)`.mapWith(
    toDate,
  );

/** The columns a member's view is made of, over `users` left-joined to `inviter`. */
export const memberColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  passwordHash: users.passwordHash,
  disabledAt: users.disabledAt,
  lastSignInAt: users.lastSignInAt,
  totpEnabledAt: users.totpEnabledAt,
  invitedAt: users.invitedAt,
  createdAt: users.createdAt,
  invitedByName: inviter.name,
  linkExpiresAt: invitationExpirySql,
};

type MemberColumnsRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  passwordHash: string | null;
  disabledAt: Date | null;
  lastSignInAt: Date | null;
  totpEnabledAt: Date | null;
  invitedAt: Date | null;
  createdAt: Date;
  invitedByName: string | null;
  linkExpiresAt: Date | null;
};

/** A row of `memberColumns` as the team sees it (never the password hash). */
export function toMemberView(r: MemberColumnsRow): MemberView {
  const status = statusOf(r);
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    status,
    invitedAt: status === "invited" ? (r.invitedAt ?? r.createdAt) : r.invitedAt,
    invitedByName: r.invitedByName,
    invitationExpiresAt: status === "invited" ? r.linkExpiresAt : null,
    lastSignInAt: r.lastSignInAt,
    disabledAt: r.disabledAt,
    twoFactorEnabled: r.totpEnabledAt !== null,
  };
}

/** The whole team: active and invited members first (by name), removed ones last. */
export async function listMembers(db: DbOrTx, scope: TeamScope): Promise<MemberView[]> {
  const rows = await db
    .select(memberColumns)
    .from(users)
    .leftJoin(inviter, eq(inviter.id, users.invitedBy))
    .where(inTeam(scope))
    .orderBy(sql`${users.disabledAt} is not null`, asc(sql`lower(${users.name})`), asc(users.email));
  return rows.map(toMemberView);
}

function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

export type MemberRow = typeof users.$inferSelect;

/**
 * One member of the team, locked for the change that follows (FOR UPDATE); a user of another team is
 * "not found", exactly like a user that does not exist.
 */
export async function lockMember(db: DbOrTx, scope: TeamScope, userId: string): Promise<MemberRow> {
  const [row] = await db.select().from(users).where(memberOf(scope, userId)).for("update");
  if (!row) throw new AppError("not_found", "No such team member.");
  return row;
}

/** Refuses a change to one's own account: one's own role and leaving go through a transfer of ownership. */
export function refuseSelf(actorUserId: string | null, member: MemberRow, message: string): void {
  if (actorUserId && actorUserId === member.id) throw new AppError("conflict", message);
}
