import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { sessions, users, userTokens } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { hashPassword, passwordSchema } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import { consumeUserToken, hashToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors/app-error";
import { teamNames, voidInvitations } from "./invitation-email";

export const acceptInvitationSchema = z
  .object({
    token: z
      .string({ error: "This invitation link is incomplete." })
      .min(20, "This invitation link is incomplete."),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

export const INVITATION_UNUSABLE =
  "This invitation has expired, was withdrawn or was already used. Ask whoever invited you to send a new one.";

export type InvitationView = {
  name: string;
  email: string;
  role: Role;
  company: string;
  brand: string;
  invitedBy: string | null;
  expiresAt: Date;
};

const inviter = alias(users, "inviter");

/** What a still usable invitation link offers (read only, the link stays unused), or null. */
export async function describeInvitation(db: DbOrTx, token: string): Promise<InvitationView | null> {
  if (token.length < 20 || token.length > 200) return null;
  const [row] = await db
    .select({
      name: users.name,
      email: users.email,
      role: users.role,
      resellerId: users.resellerId,
      invitedBy: inviter.name,
      expiresAt: userTokens.expiresAt,
    })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .leftJoin(inviter, eq(inviter.id, users.invitedBy))
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, "invitation"),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
        isNull(users.disabledAt),
      ),
    );
  if (!row) return null;
  const { company, brand } = await teamNames(db, { resellerId: row.resellerId });
  return { ...row, company, brand };
}

/**
 * Accepts an invitation: consumes the single-use link, sets the password and marks the email verified
 * (using the emailed link proves the mailbox, which sign-in requires of reseller users). Every other
 * invitation link of the user stops working. Audited in the new member's name.
 */
export async function acceptInvitation(
  db: Db,
  input: AcceptInvitationInput,
  now: Date,
): Promise<{ email: string; company: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const userId = await consumeUserToken(tx, input.token, "invitation");
    if (!userId) throw new AppError("validation", INVITATION_UNUSABLE);
    const [user] = await tx
      .update(users)
      .set({
        passwordHash,
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(and(eq(users.id, userId), isNull(users.disabledAt)))
      .returning();
    if (!user) throw new AppError("validation", INVITATION_UNUSABLE);
    await voidInvitations(tx, user.id, now);
    // No session should exist yet; a re-invited member's old ones must not come back.
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)));
    await writeAudit(
      tx,
      { userId: user.id, label: user.email },
      {
        action: "team.invitation_accepted",
        entityType: "user",
        entityId: user.id,
        resellerId: user.resellerId,
        data: { role: user.role },
      },
    );
    const { company } = await teamNames(tx, { resellerId: user.resellerId });
    return { email: user.email, company };
  });
}
