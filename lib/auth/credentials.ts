import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { accountEmailSchema } from "./account-email";
import { hashPassword, verifyPassword } from "./password";
import type { Role } from "./permissions";
import { checkSignInAllowed, recordSignInSuccess } from "./throttle";
import { consumeUserToken } from "./tokens";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const signInSchema = z.object({
  email: accountEmailSchema,
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
  | { ok: false; reason: "invalid" | "locked" | "disabled" | "unverified"; retryAfterSeconds?: number };

// Verifying against a dummy hash when the user does not exist keeps timing uniform.
let dummyHash: Promise<string> | undefined;

/**
 * Checks a password, applies throttling and opens a server-side session row. The attempt is counted before
 * the password is checked (lib/auth/throttle.ts), so parallel guesses cannot outrun the limit.
 */
export async function signInWithPassword(
  db: Db,
  input: unknown,
  client: { address: string; userAgent?: string | null },
): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const allowed = await checkSignInAllowed(db, email, client.address);
  if (!allowed.ok) return { ok: false, reason: "locked", retryAfterSeconds: allowed.retryAfterSeconds };

  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  if (!dummyHash) dummyHash = hashPassword("no-such-user-0");
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  // The right password: not a guess, whatever else stops this sign-in.
  await recordSignInSuccess(db, email, client.address);
  if (user.disabledAt) return { ok: false, reason: "disabled" };
  // A storefront sign-up signs in only after confirming its email (staff and seeded users are verified).
  if (user.resellerId && !user.emailVerifiedAt) return { ok: false, reason: "unverified" };
  return openSession(db, user, client.userAgent, "auth.sign_in");
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
