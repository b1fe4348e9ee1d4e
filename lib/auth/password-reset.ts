import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { distributorSettings, sessions, users, userTokens } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { enqueueEmail } from "@/lib/email/outbox";
import { AppError } from "@/lib/errors/app-error";
import { takeLimitsOrRefuse } from "@/lib/security/limits";
import { accountEmailSchema } from "./account-email";
import { hashPassword, passwordSchema } from "./password";
import { unlockSignIn } from "./throttle";
import { consumeUserToken, issueUserToken } from "./tokens";

export const RESET_TTL_MINUTES = 60;

export const requestResetSchema = z.object({
  email: accountEmailSchema,
});
export const resetSchema = z
  .object({
    token: z.string().min(20, "This reset link is incomplete."),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });

/**
 * Queues a reset link when the account exists; the caller always shows the same answer either way. Limited
 * per address and per submitted email (whether or not it has an account, so the limit reveals nothing).
 */
export async function requestPasswordReset(
  db: Db,
  email: string,
  ctx: { appUrl: string; address: string },
): Promise<void> {
  await takeLimitsOrRefuse(
    db,
    [
      ["resetAddress", ctx.address],
      ["resetAccount", email.toLowerCase()],
    ],
    (wait) => `Too many reset requests. Try again in ${wait}.`,
  );
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  if (!user || user.disabledAt) return;
  const [settings] = await db.select().from(distributorSettings).limit(1);
  const brand = settings?.name ?? "Tierline";
  await db.transaction(async (tx) => {
    const token = await issueUserToken(tx, user.id, "password_reset", RESET_TTL_MINUTES);
    const link = `${ctx.appUrl}/reset-password?token=${token}`;
    await enqueueEmail(tx, {
      to: user.email,
      subject: `Reset your ${brand} password`,
      text: `Hello ${user.name},\n\nSomeone asked to reset the password of your ${brand} account. If it was you, open this link within ${RESET_TTL_MINUTES} minutes:\n\n${link}\n\nIf it was not you, ignore this email: your password stays the same.\n\n${brand}`,
      template: "password_reset",
      resellerId: user.resellerId,
      secrets: [token],
    });
    await writeAudit(
      tx,
      { userId: user.id, label: user.email },
      { action: "auth.reset_requested", entityType: "user", entityId: user.id },
    );
  });
}

/**
 * Sets the new password, consumes the token, voids every other reset link of the user, signs the user out
 * everywhere and lifts any sign-in lock on the account (its owner just proved control of the mailbox).
 */
export async function resetPassword(db: Db, input: z.infer<typeof resetSchema>): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const email = await db.transaction(async (tx) => {
    const userId = await consumeUserToken(tx, input.token, "password_reset");
    if (!userId)
      throw new AppError("validation", "This reset link has expired or was already used. Ask for a new one.");
    // Using a link sent to the mailbox proves it: an invited user's address is verified here.
    const [user] = await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, userId))
      .returning();
    await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.userId, userId));
    await tx
      .update(userTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(userTokens.userId, userId),
          eq(userTokens.purpose, "password_reset"),
          isNull(userTokens.usedAt),
        ),
      );
    await writeAudit(
      tx,
      { userId, label: user?.email ?? "user" },
      { action: "auth.password_reset", entityType: "user", entityId: userId },
    );
    return user?.email;
  });
  if (email) await unlockSignIn(db, email);
}
