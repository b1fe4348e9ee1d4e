import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { hashPassword, verifyPassword } from "./password";
import type { Role } from "./permissions";
import { lockedForMinutes, recordLoginAttempt } from "./throttle";
import { consumeUserToken } from "./tokens";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
});

export type SignInResult =
  | {
      ok: true;
      user: {
        id: string;
        email: string;
        name: string;
        role: Role;
        resellerId: string | null;
        sessionId: string;
      };
    }
  | { ok: false; reason: "invalid" | "locked" | "disabled" | "unverified"; minutes?: number };

// Verifying against a dummy hash when the user does not exist keeps timing uniform.
let dummyHash: Promise<string> | undefined;

/** Checks a password, applies throttling and opens a server-side session row. */
export async function signInWithPassword(
  db: Db,
  input: unknown,
  userAgent?: string | null,
): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const minutes = await lockedForMinutes(db, email);
  if (minutes > 0) return { ok: false, reason: "locked", minutes };

  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  if (!dummyHash) dummyHash = hashPassword("no-such-user-0");
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !valid) {
    await recordLoginAttempt(db, email, false);
    return { ok: false, reason: "invalid" };
  }
  if (user.disabledAt) return { ok: false, reason: "disabled" };
  // A storefront sign-up signs in only after confirming its email (staff and seeded users are verified).
  if (user.resellerId && !user.emailVerifiedAt) return { ok: false, reason: "unverified" };
  await recordLoginAttempt(db, email, true);
  return openSession(db, user, userAgent, "auth.sign_in");
}

/**
 * Signs a user in with a single-use `sign_in` token minted by the server a moment earlier (after the
 * email-verification link was confirmed), so a new reseller lands in the portal without retyping.
 */
export async function signInWithOneTimeToken(
  db: Db,
  input: unknown,
  userAgent?: string | null,
): Promise<SignInResult> {
  const parsed = z.object({ token: z.string().min(20) }).safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const userId = await consumeUserToken(db, parsed.data.token, "sign_in");
  if (!userId) return { ok: false, reason: "invalid" };
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return { ok: false, reason: "invalid" };
  if (user.disabledAt) return { ok: false, reason: "disabled" };
  return openSession(db, user, userAgent, "auth.sign_in_link");
}

async function openSession(
  db: Db,
  user: typeof users.$inferSelect,
  userAgent: string | null | undefined,
  action: string,
): Promise<SignInResult> {
  const sessionId = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sessions)
      .values({
        userId: user.id,
        expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
        userAgent: userAgent?.slice(0, 300) ?? null,
      })
      .returning({ id: sessions.id });
    await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
    await writeAudit(
      tx,
      { userId: user.id, label: user.email },
      { action, entityType: "user", entityId: user.id, resellerId: user.resellerId },
    );
    return row!.id;
  });
  return {
    ok: true,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      resellerId: user.resellerId,
      sessionId,
    },
  };
}
