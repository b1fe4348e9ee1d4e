import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
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

const inviter = alias(users, "inviter");

/** The team: active and invited members first (by name), removed ones last. */
export async function listMembers(db: DbOrTx, scope: TeamScope): Promise<MemberView[]> {
  const rows = await db
    .select({
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
    })
    .from(users)
    .leftJoin(inviter, eq(inviter.id, users.invitedBy))
    .where(inTeam(scope))
    .orderBy(sql`${users.disabledAt} is not null`, asc(sql`lower(${users.name})`), asc(users.email));
  const pending = rows.filter((r) => statusOf(r) === "invited").map((r) => r.id);
  const expiries = new Map<string, Date>();
  if (pending.length > 0) {
    // Invitation links, and the password link of an owner an admin created by hand (lib/resellers/create).
    const links = await db
      .select({
        userId: userTokens.userId,
        expiresAt: sql<Date>`max(${userTokens.expiresAt})`.mapWith(toDate),
      })
      .from(userTokens)
      .where(
        and(
          inArray(userTokens.userId, pending),
          inArray(userTokens.purpose, ["invitation", "password_reset"]),
          isNull(userTokens.usedAt),
        ),
      )
      .groupBy(userTokens.userId);
    for (const link of links) expiries.set(link.userId, link.expiresAt);
  }
  return rows.map((r) => {
    const status = statusOf(r);
    return {
      id: r.id,
      name: r.name,
      email: r.email,
      role: r.role,
      status,
      invitedAt: status === "invited" ? (r.invitedAt ?? r.createdAt) : r.invitedAt,
      invitedByName: r.invitedByName,
      invitationExpiresAt: status === "invited" ? (expiries.get(r.id) ?? null) : null,
      lastSignInAt: r.lastSignInAt,
      disabledAt: r.disabledAt,
      twoFactorEnabled: r.totpEnabledAt !== null,
    };
  });
}

function toDate(value: unknown): Date {
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
