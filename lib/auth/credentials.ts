import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { sessions, users, userTokens } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { clearLimit, consumeLimit } from "@/lib/security/limits";
import { accountEmailSchema } from "./account-email";
import { hashPassword, verifyPassword } from "./password";
import type { Role } from "./permissions";
import { checkSignInAllowed, recordSignInSuccess } from "./throttle";
import { consumeUserToken, hashToken, issueUserToken } from "./tokens";
import { TWO_FACTOR_TTL_MINUTES, verifySecondFactor } from "./two-factor";

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
  | {
      ok: false;
      reason: "invalid" | "locked" | "disabled" | "unverified" | "expired";
      retryAfterSeconds?: number;
    }
  /** The right password of an account with two-factor sign-in: the code step comes next, with this token. */
  | { ok: false; reason: "two_factor"; token: string };

export const secondFactorSchema = z.object({
  token: z.string().min(20).max(200),
  code: z
    .string()
    .trim()
    .min(1, "Enter the code from your authenticator app, or a recovery code.")
    .max(40, "Enter the code from your authenticator app, or a recovery code."),
});

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
  // With two-factor sign-in the password alone opens nothing and says nothing more (not even "disabled"):
  // a single-use token carries the sign-in to the code step, which checks the rest.
  if (user.totpEnabledAt)
    return {
      ok: false,
      reason: "two_factor",
      token: await issueUserToken(db, user.id, "two_factor", TWO_FACTOR_TTL_MINUTES),
    };
  return openVerifiedSession(db, user, client.userAgent, "auth.sign_in");
}

/** The checks every way in shares once the user is known, then the session. */
async function openVerifiedSession(
  db: Db,
  user: typeof users.$inferSelect,
  userAgent: string | null | undefined,
  action: string,
  data?: Record<string, unknown>,
): Promise<SignInResult> {
  if (user.disabledAt) return { ok: false, reason: "disabled" };
  // A storefront sign-up signs in only after confirming its email (staff and seeded users are verified).
  if (user.resellerId && !user.emailVerifiedAt) return { ok: false, reason: "unverified" };
  return openSession(db, user, userAgent, action, data);
}

class SecondFactorRefused extends Error {
  constructor(readonly reason: "invalid" | "expired") {
    super(reason);
  }
}

/**
 * The second step of a sign-in with two-factor: the token the right password gave, and a code from the
 * authenticator app or a recovery code. Wrong codes count against the account (5 in 15 minutes, before the
 * code is checked, so parallel guesses cannot outrun it); the token is consumed in the same transaction that
 * accepts the code, so a wrong code leaves it open for another try and a right one opens exactly one session.
 */
export async function signInWithSecondFactor(
  db: Db,
  input: unknown,
  client: { userAgent?: string | null; at?: Date },
): Promise<SignInResult> {
  const parsed = secondFactorSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { token, code } = parsed.data;
  const at = client.at ?? new Date();
  const [pending] = await db
    .select({ userId: userTokens.userId })
    .from(userTokens)
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, "two_factor"),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, at),
      ),
    );
  if (!pending) return { ok: false, reason: "expired" };
  const allowed = await consumeLimit(db, "twoFactorAccount", pending.userId);
  if (!allowed.ok) return { ok: false, reason: "locked", retryAfterSeconds: allowed.retryAfterSeconds };
  let method: "totp" | "recovery_code";
  try {
    method = await db.transaction(async (tx) => {
      if ((await consumeUserToken(tx, token, "two_factor")) !== pending.userId)
        throw new SecondFactorRefused("expired");
      const result = await verifySecondFactor(tx, pending.userId, code, at);
      if (!result.ok) throw new SecondFactorRefused("invalid");
      return result.method;
    });
  } catch (error) {
    if (error instanceof SecondFactorRefused) return { ok: false, reason: error.reason };
    throw error;
  }
  await clearLimit(db, "twoFactorAccount", pending.userId);
  const [user] = await db.select().from(users).where(eq(users.id, pending.userId));
  if (!user) return { ok: false, reason: "invalid" };
  return openVerifiedSession(db, user, client.userAgent, "auth.sign_in", { secondFactor: method });
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
  // A link proves the mailbox, not the second factor: an account with two-factor signs in with the form.
  if (user.totpEnabledAt) return { ok: false, reason: "invalid" };
  return openSession(db, user, userAgent, "auth.sign_in_link");
}

async function openSession(
  db: Db,
  user: typeof users.$inferSelect,
  userAgent: string | null | undefined,
  action: string,
  data?: Record<string, unknown>,
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
      { action, entityType: "user", entityId: user.id, resellerId: user.resellerId, data },
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
