import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { isDistributorRole, roleLabels } from "@/lib/auth/permissions";
import { clearSecondFactor, sendSecurityNotice, staffTwoFactorRequired } from "@/lib/auth/two-factor";
import { AppError } from "@/lib/errors/app-error";
import { clearLimit } from "@/lib/security/limits";
import { inTeam, ownerRoleOf, type TeamScope } from "./scope";

/**
 * For a member who lost their phone and their recovery codes: the owner (the distributor's administrator,
 * for staff) takes two-factor sign-in off their account. Secret, last step and recovery codes go in one
 * transaction with the end of every session of theirs, the audit entry and an email telling them; they then
 * sign in with their password alone (staff the distributor requires it of are sent to set it up again by
 * the guard). Never one's own (that is /account/security, with a code or the password); a user of another
 * team is "not found".
 */
export async function resetTwoFactor(
  db: Db,
  scope: TeamScope,
  targetUserId: string,
  actor: Actor,
  now: Date,
): Promise<{ name: string; sessionsEnded: number; mustEnrolAgain: boolean }> {
  const ownerRole = ownerRoleOf(scope);
  const onlyOwner = () =>
    new AppError(
      "forbidden",
      `Only an ${roleLabels[ownerRole].toLowerCase()} can reset a member's two-factor sign-in.`,
    );
  const actorId = actor.userId;
  if (!actorId) throw onlyOwner();
  if (actorId === targetUserId)
    throw new AppError(
      "conflict",
      "You cannot reset your own two-factor sign-in here. Use Sign-in security in your account menu.",
    );
  const result = await db.transaction(async (tx) => {
    // Both rows locked in id order (as a transfer does): the actor's role cannot change meanwhile.
    const rows = await tx
      .select()
      .from(users)
      .where(and(inArray(users.id, [actorId, targetUserId]), inTeam(scope)))
      .orderBy(asc(users.id))
      .for("update");
    const self = rows.find((r) => r.id === actorId);
    const target = rows.find((r) => r.id === targetUserId);
    if (!self || self.disabledAt || self.role !== ownerRole) throw onlyOwner();
    if (!target) throw new AppError("not_found", "No such team member.");
    if (target.disabledAt) throw new AppError("conflict", `${target.name} was removed from the team.`);
    if (!target.totpEnabledAt)
      throw new AppError("conflict", `${target.name} does not have two-factor sign-in on.`);
    await clearSecondFactor(tx, target.id, now);
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, target.id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    const mustEnrolAgain = isDistributorRole(target.role) && (await staffTwoFactorRequired(tx));
    await writeAudit(tx, actor, {
      action: "team.two_factor_reset",
      entityType: "user",
      entityId: target.id,
      resellerId: scope.resellerId,
      data: {
        email: target.email,
        before: { twoFactor: "on" },
        after: { twoFactor: "off" },
        sessionsEnded: ended.length,
      },
    });
    await sendSecurityNotice(
      tx,
      target,
      { kind: "two_factor_reset", by: `${self.name} (${self.email})`, mustEnrolAgain },
      now,
    );
    return { name: target.name, sessionsEnded: ended.length, mustEnrolAgain };
  });
  // Earlier wrong codes no longer stand between them and setting it up again.
  await clearLimit(db, "twoFactorAccount", targetUserId);
  return result;
}
