import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { userRecoveryCodes, users } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { isUniqueViolation } from "@/lib/contracts/store";
import { AppError } from "@/lib/errors/app-error";
import { keepAnOwnerError } from "./errors";
import { type MailContext, sendInvitationEmail } from "./invitation-email";
import { lockMember, type MemberRow, statusOf } from "./members";
import type { InviteMemberInput, MemberInput } from "./schema";
import { requireRoleFor, type TeamScope } from "./scope";

export type Invited = { userId: string; expiresAt: Date; resent: boolean };

const taken = () =>
  new AppError("validation", "Check the highlighted fields.", {
    email: ["This email already has an account."],
  });

/**
 * Invites a colleague: a user without a password in the team, and a single-use link to choose one. An email
 * still invited here is invited again (new link, the old one void, name and role as now entered); a member
 * removed earlier is invited back (a fresh password and second factor). An email with an account anywhere
 * else is a field error. One transaction; audited.
 */
export async function inviteMember(
  db: Db,
  scope: TeamScope,
  input: InviteMemberInput,
  actor: Actor,
  now: Date,
  mail: MailContext,
): Promise<Invited> {
  const role = requireRoleFor(scope, input.role, "role");
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx
        .select()
        .from(users)
        .where(eq(sql`lower(${users.email})`, input.email))
        .for("update");
      const sameTeam = existing && (existing.resellerId ?? null) === scope.resellerId;
      if (existing && !sameTeam) throw taken();
      if (existing && statusOf(existing) === "active") {
        throw new AppError("validation", "Check the highlighted fields.", {
          email: [`${existing.name} is already a member of this team.`],
        });
      }
      const before = existing && { name: existing.name, role: existing.role, status: statusOf(existing) };
      const member = existing
        ? await reinvite(tx, existing, { name: input.name, role, invitedBy: actor.userId, now })
        : await insertInvitee(tx, scope, {
            email: input.email,
            name: input.name,
            role,
            invitedBy: actor.userId,
            now,
          });
      const { expiresAt } = await sendInvitationEmail(tx, scope, member, actor, now, mail);
      const resent = before?.status === "invited";
      await writeAudit(tx, actor, {
        action: resent ? "team.invitation_resent" : "team.member_invited",
        entityType: "user",
        entityId: member.id,
        resellerId: scope.resellerId,
        data: {
          ...(before ? { before: { name: before.name, role: before.role, status: before.status } } : {}),
          after: { email: member.email, name: member.name, role: member.role, status: "invited" },
          expiresAt: expiresAt.toISOString(),
        },
      });
      return { userId: member.id, expiresAt, resent };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) throw taken();
    throw keepAnOwnerError(error, scope);
  }
}

async function insertInvitee(
  tx: Tx,
  scope: TeamScope,
  v: { email: string; name: string; role: MemberRow["role"]; invitedBy: string | null; now: Date },
): Promise<MemberRow> {
  const [row] = await tx
    .insert(users)
    .values({
      email: v.email,
      name: v.name,
      role: v.role,
      resellerId: scope.resellerId,
      passwordHash: null,
      invitedBy: v.invitedBy,
      invitedAt: v.now,
      // Verified when the invitation is accepted: using the emailed link proves the mailbox.
    })
    .returning();
  return row!;
}

/** A pending or removed member invited again: no password, no second factor, enabled, with the new role. */
async function reinvite(
  tx: Tx,
  member: MemberRow,
  v: { name: string; role: MemberRow["role"]; invitedBy: string | null; now: Date },
): Promise<MemberRow> {
  const wasRemoved = statusOf(member) === "disabled";
  const [row] = await tx
    .update(users)
    .set({
      name: v.name,
      role: v.role,
      invitedBy: v.invitedBy,
      invitedAt: v.now,
      ...(wasRemoved
        ? {
            disabledAt: null,
            passwordHash: null,
            emailVerifiedAt: null,
            totpSecretEnc: null,
            totpEnabledAt: null,
            totpLastStep: null,
          }
        : {}),
    })
    .where(eq(users.id, member.id))
    .returning();
  if (wasRemoved) await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, member.id));
  return row!;
}

/** Sends a pending member a new invitation link (the old one stops working), in the actor's name. */
export async function resendInvitation(
  db: Db,
  scope: TeamScope,
  input: MemberInput,
  actor: Actor,
  now: Date,
  mail: MailContext,
): Promise<{ expiresAt: Date; email: string }> {
  return db.transaction(async (tx) => {
    const member = await pendingMember(tx, scope, input.userId);
    const [row] = await tx
      .update(users)
      .set({ invitedBy: actor.userId, invitedAt: now })
      .where(eq(users.id, member.id))
      .returning();
    const { expiresAt } = await sendInvitationEmail(tx, scope, row!, actor, now, mail);
    await writeAudit(tx, actor, {
      action: "team.invitation_resent",
      entityType: "user",
      entityId: member.id,
      resellerId: scope.resellerId,
      data: { email: member.email, role: member.role, expiresAt: expiresAt.toISOString() },
    });
    return { expiresAt, email: member.email };
  });
}

/**
 * Withdraws a pending invitation: the invited user is deleted (never signed in, so nothing refers to it)
 * with its links, so the email can be invited again later.
 */
export async function cancelInvitation(
  db: Db,
  scope: TeamScope,
  input: MemberInput,
  actor: Actor,
  _now: Date,
): Promise<{ email: string }> {
  try {
    return await db.transaction(async (tx) => {
      const member = await pendingMember(tx, scope, input.userId);
      await tx.delete(users).where(eq(users.id, member.id));
      await writeAudit(tx, actor, {
        action: "team.invitation_cancelled",
        entityType: "user",
        entityId: member.id,
        resellerId: scope.resellerId,
        data: { email: member.email, name: member.name, role: member.role },
      });
      return { email: member.email };
    });
  } catch (error) {
    throw keepAnOwnerError(error, scope);
  }
}

async function pendingMember(tx: Tx, scope: TeamScope, userId: string): Promise<MemberRow> {
  const member = await lockMember(tx, scope, userId);
  const status = statusOf(member);
  if (status === "active")
    throw new AppError("conflict", `${member.name} already accepted the invitation and is a member.`);
  if (status === "disabled") throw new AppError("conflict", `${member.name} was removed from the team.`);
  return member;
}
