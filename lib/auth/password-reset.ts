import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { distributorSettings, sessions, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { enqueueEmail } from "@/lib/email/outbox";
import { AppError } from "@/lib/errors/app-error";
import { hashPassword, passwordSchema } from "./password";
import { consumeUserToken, issueUserToken } from "./tokens";

export const RESET_TTL_MINUTES = 60;

export const requestResetSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
});
export const resetSchema = z
  .object({
    token: z.string().min(20, "This reset link is incomplete."),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });

/** Queues a reset link when the account exists; the caller always shows the same answer either way. */
export async function requestPasswordReset(db: Db, email: string, appUrl: string): Promise<void> {
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
    const link = `${appUrl}/reset-password?token=${token}`;
    await enqueueEmail(tx, {
      to: user.email,
      subject: `Reset your ${brand} password`,
      text: `Hello ${user.name},\n\nSomeone asked to reset the password of your ${brand} account. If it was you, open this link within ${RESET_TTL_MINUTES} minutes:\n\n${link}\n\nIf it was not you, ignore this email: your password stays the same.\n\n${brand}`,
      template: "password_reset",
      resellerId: user.resellerId,
    });
    await writeAudit(
      tx,
      { userId: user.id, label: user.email },
      { action: "auth.reset_requested", entityType: "user", entityId: user.id },
    );
  });
}

/** Sets the new password, consumes the token and signs the user out everywhere. */
export async function resetPassword(db: Db, input: z.infer<typeof resetSchema>): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const userId = await consumeUserToken(tx, input.token, "password_reset");
    if (!userId)
      throw new AppError("validation", "This reset link has expired or was already used. Ask for a new one.");
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).returning();
    await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.userId, userId));
    await writeAudit(
      tx,
      { userId, label: user?.email ?? "user" },
      { action: "auth.password_reset", entityType: "user", entityId: userId },
    );
  });
}
