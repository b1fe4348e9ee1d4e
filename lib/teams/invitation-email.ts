import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { distributorSettings, resellers, users, userTokens } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { roleLabels } from "@/lib/auth/permissions";
import { hashToken, issueUserToken } from "@/lib/auth/tokens";
import { enqueueEmail } from "@/lib/email/outbox";
import { formatDateTime } from "@/lib/format";
import type { MemberRow } from "./members";
import type { TeamScope } from "./scope";

/** An invitation stays valid a week, like a hand-made reseller owner's (lib/resellers/create.ts). */
export const TEAM_INVITATION_TTL_HOURS = 7 * 24;

/** What an invitation email needs beyond the database: the public origin its link points at. */
export type MailContext = { appUrl: string };

/** The company a team belongs to (the reseller, or the distributor for its staff) and the brand. */
export async function teamNames(db: DbOrTx, scope: TeamScope): Promise<{ company: string; brand: string }> {
  const [settings] = await db
    .select({ name: distributorSettings.name })
    .from(distributorSettings)
    .where(eq(distributorSettings.id, 1));
  const brand = settings?.name ?? "Tierline";
  if (!scope.resellerId) return { company: brand, brand };
  const [reseller] = await db
    .select({ name: resellers.name })
    .from(resellers)
    .where(eq(resellers.id, scope.resellerId));
  return { company: reseller?.name ?? brand, brand };
}

/** Voids every invitation link of the user not used yet: only the newest one works. */
export async function voidInvitations(db: DbOrTx, userId: string, now: Date): Promise<void> {
  await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(
      and(eq(userTokens.userId, userId), eq(userTokens.purpose, "invitation"), isNull(userTokens.usedAt)),
    );
}

/**
 * Mints a single-use invitation token (stored hashed; earlier ones voided) and queues the email that names
 * who invited, to which company, as what, and until when the link works. The email names the token a
 * secret, so the back office's copy of it hides the link.
 */
export async function sendInvitationEmail(
  tx: DbOrTx,
  scope: TeamScope,
  member: Pick<MemberRow, "id" | "name" | "email" | "role">,
  actor: Actor,
  now: Date,
  mail: MailContext,
): Promise<{ expiresAt: Date }> {
  await voidInvitations(tx, member.id, now);
  const token = await issueUserToken(tx, member.id, "invitation", TEAM_INVITATION_TTL_HOURS * 60);
  const [issued] = await tx
    .select({ expiresAt: userTokens.expiresAt })
    .from(userTokens)
    .where(eq(userTokens.tokenHash, hashToken(token)));
  const expiresAt = issued?.expiresAt ?? new Date(now.getTime() + TEAM_INVITATION_TTL_HOURS * 3_600_000);
  const { company, brand } = await teamNames(tx, scope);
  const inviter = await inviterOf(tx, actor);
  const link = `${mail.appUrl}/invitation?token=${token}`;
  const where = scope.resellerId ? `${company}'s portal on ${brand}` : `the ${brand} back office`;
  await enqueueEmail(tx, {
    to: member.email,
    subject: `${inviter.name} invited you to ${company} on ${brand}`,
    text: `Hello ${member.name},\n\n${inviter.full} invited you to join ${where} as ${roleLabels[member.role]}. Choose your password to accept:\n\n${link}\n\nThe link works once, until ${formatDateTime(expiresAt)} (${TEAM_INVITATION_TTL_HOURS / 24} days). After that, ask ${inviter.name} to send a new invitation. If you did not expect this email, ignore it: nothing happens until the link is used.\n\n${brand}`,
    template: "team_invitation",
    resellerId: scope.resellerId,
    secrets: [token],
  });
  return { expiresAt };
}

/** The inviter's name, and "Ada Lovelace (ada@example.com)"; the actor's label when it is not a person. */
async function inviterOf(db: DbOrTx, actor: Actor): Promise<{ name: string; full: string }> {
  const [row] = actor.userId
    ? await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, actor.userId))
    : [];
  return row
    ? { name: row.name, full: `${row.name} (${row.email})` }
    : { name: actor.label, full: actor.label };
}
