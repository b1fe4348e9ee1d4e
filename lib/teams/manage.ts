import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, sessions, users, userTokens } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { roleLabels } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { keepAnOwnerError } from "./errors";
import { lockMember, refuseSelf, statusOf } from "./members";
import type { ChangeRoleInput, MemberInput, TransferOwnershipInput } from "./schema";
import { inTeam, ownerRoleOf, requireRoleFor, rolesFor, type TeamScope } from "./scope";

/**
 * Gives a member another role of the team's side. Not one's own (that is a transfer of ownership); the
 * database refuses to leave the team without an enabled owner (administrator), which reads as a conflict.
 * The guard reloads the user on every request, so the new role applies to open sessions at once.
 */
export async function changeRole(
  db: Db,
  scope: TeamScope,
  input: ChangeRoleInput,
  actor: Actor,
  _now: Date,
): Promise<{ changed: boolean; name: string }> {
  const role = requireRoleFor(scope, input.role, "role");
  try {
    return await db.transaction(async (tx) => {
      const member = await lockMember(tx, scope, input.userId);
      refuseSelf(
        actor.userId,
        member,
        "You cannot change your own role. Transfer ownership to change yours.",
      );
      if (member.disabledAt)
        throw new AppError(
          "conflict",
          `${member.name} was removed from the team; invite them again instead.`,
        );
      if (member.role === role) return { changed: false, name: member.name };
      await tx.update(users).set({ role }).where(eq(users.id, member.id));
      await writeAudit(tx, actor, {
        action: "team.role_changed",
        entityType: "user",
        entityId: member.id,
        resellerId: scope.resellerId,
        data: { email: member.email, before: { role: member.role }, after: { role } },
      });
      return { changed: true, name: member.name };
    });
  } catch (error) {
    throw keepAnOwnerError(error, scope);
  }
}

/**
 * Removes a member: the account is disabled (kept for the audit trail and what it did), every open session
 * ends and every unused link (invitation, password reset) stops working. Not oneself; never the last
 * enabled owner (the database refuses, a conflict).
 */
export async function removeMember(
  db: Db,
  scope: TeamScope,
  input: MemberInput,
  actor: Actor,
  now: Date,
): Promise<{ sessionsEnded: number; apiKeysRevoked: number; name: string }> {
  try {
    return await db.transaction(async (tx) => {
      const member = await lockMember(tx, scope, input.userId);
      refuseSelf(
        actor.userId,
        member,
        "You cannot remove yourself. Transfer ownership first, then ask the new owner.",
      );
      if (member.disabledAt) throw new AppError("conflict", `${member.name} was already removed.`);
      await tx.update(users).set({ disabledAt: now }).where(eq(users.id, member.id));
      const ended = await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.userId, member.id), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      await tx
        .update(userTokens)
        .set({ usedAt: now })
        .where(and(eq(userTokens.userId, member.id), isNull(userTokens.usedAt)));
      // The API keys they created for the team go with them: a removed owner keeps no way in.
      const keysRevoked = await tx
        .update(apiKeys)
        .set({ revokedAt: now, revokedBy: actor.userId })
        .where(
          and(
            eq(apiKeys.createdBy, member.id),
            isNull(apiKeys.revokedAt),
            scope.resellerId ? eq(apiKeys.resellerId, scope.resellerId) : isNull(apiKeys.resellerId),
          ),
        )
        .returning({ id: apiKeys.id });
      await writeAudit(tx, actor, {
        action: "team.member_removed",
        entityType: "user",
        entityId: member.id,
        resellerId: scope.resellerId,
        data: {
          email: member.email,
          before: { role: member.role, status: statusOf(member) },
          after: { role: member.role, status: "disabled" },
          sessionsEnded: ended.length,
          apiKeysRevoked: keysRevoked.length,
        },
      });
      return { sessionsEnded: ended.length, apiKeysRevoked: keysRevoked.length, name: member.name };
    });
  } catch (error) {
    throw keepAnOwnerError(error, scope);
  }
}

/**
 * The owner (the distributor's administrator) hands the role to an active member and keeps `newRole`. Both
 * rows are locked in id order and changed in one transaction; the database's owner check runs at commit,
 * when the team has its new owner.
 */
export async function transferOwnership(
  db: Db,
  scope: TeamScope,
  input: TransferOwnershipInput,
  actor: Actor,
  _now: Date,
): Promise<{ name: string }> {
  const ownerRole = ownerRoleOf(scope);
  const keep = requireRoleFor(scope, input.newRole, "newRole");
  if (keep === ownerRole) {
    const others = rolesFor(scope).filter((r) => r !== ownerRole);
    throw new AppError("validation", "Check the highlighted fields.", {
      newRole: [`Choose the role you keep: ${others.map((r) => roleLabels[r]).join(" or ")}.`],
    });
  }
  const actorId = actor.userId;
  if (!actorId)
    throw new AppError("forbidden", `Only a signed-in ${roleLabels[ownerRole]} can hand the role over.`);
  if (actorId === input.userId) {
    throw new AppError("validation", "Check the highlighted fields.", {
      userId: ["Choose someone other than yourself."],
    });
  }
  try {
    return await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(users)
        .where(and(inArray(users.id, [actorId, input.userId]), inTeam(scope)))
        .orderBy(asc(users.id))
        .for("update");
      const self = rows.find((r) => r.id === actorId);
      const target = rows.find((r) => r.id === input.userId);
      if (!self || self.disabledAt || self.role !== ownerRole)
        throw new AppError(
          "forbidden",
          `Only an ${roleLabels[ownerRole].toLowerCase()} can hand the role over.`,
        );
      if (!target) throw new AppError("not_found", "No such team member.");
      const status = statusOf(target);
      if (status === "invited")
        throw new AppError(
          "conflict",
          `${target.name} has not accepted the invitation yet. Try again once they have.`,
        );
      if (status === "disabled") throw new AppError("conflict", `${target.name} was removed from the team.`);
      await tx.update(users).set({ role: ownerRole }).where(eq(users.id, target.id));
      await tx.update(users).set({ role: keep }).where(eq(users.id, self.id));
      await writeAudit(tx, actor, {
        action: "team.ownership_transferred",
        entityType: "user",
        entityId: target.id,
        resellerId: scope.resellerId,
        data: {
          from: self.email,
          to: target.email,
          before: { [self.email]: self.role, [target.email]: target.role },
          after: { [self.email]: keep, [target.email]: ownerRole },
        },
      });
      return { name: target.name };
    });
  } catch (error) {
    throw keepAnOwnerError(error, scope);
  }
}
