import "server-only";
import { eq } from "drizzle-orm";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { clientAddressOf } from "@/lib/http/client-address";
import { log } from "@/lib/log";
import {
  SESSION_MAX_AGE_SECONDS,
  type SignInResult,
  signInWithOneTimeToken,
  signInWithPassword,
  signInWithSecondFactor,
} from "./credentials";

class LockedError extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    // Auth.js hands `code` to the caller (lib/auth/sign-in-errors.ts reads the wait back out of it).
    this.code = `locked:${retryAfterSeconds}`;
  }
}
class DisabledError extends CredentialsSignin {
  code = "disabled";
}
class UnverifiedError extends CredentialsSignin {
  code = "unverified";
}
class SecondFactorExpiredError extends CredentialsSignin {
  code = "two_factor_expired";
}
/**
 * The right password of an account with two-factor sign-in. The code step's token rides on the error object
 * itself, which Auth.js hands unchanged to the server action that called signIn (raw mode); only `code` would
 * reach a URL (a direct POST to the callback endpoint), so the token never does.
 */
class TwoFactorRequiredError extends CredentialsSignin {
  code = "two_factor";
  constructor(readonly twoFactorToken: string) {
    super();
  }
}

/** The code step's token when a password sign-in stopped for the second factor, else null. */
export function twoFactorTokenOf(error: unknown): string | null {
  // Read by shape, not instanceof: a second copy of this module (another bundle layer) is the same class.
  if (!(error instanceof CredentialsSignin) || error.code !== "two_factor") return null;
  const token = (error as Partial<TwoFactorRequiredError>).twoFactorToken;
  return typeof token === "string" ? token : null;
}

/** What Auth.js returns for a result: the user, or the refusal as an error the sign-in form reads. */
function userOrRefusal(result: SignInResult) {
  if (result.ok)
    return {
      id: result.user.id,
      email: result.user.email,
      name: result.user.name,
      sessionId: result.user.sessionId,
    };
  switch (result.reason) {
    case "two_factor":
      throw new TwoFactorRequiredError(result.token);
    case "locked":
      throw new LockedError(result.retryAfterSeconds ?? 60);
    case "disabled":
      throw new DisabledError();
    case "unverified":
      throw new UnverifiedError();
    case "expired":
      throw new SecondFactorExpiredError();
    default:
      return null;
  }
}

declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
  interface Session {
    sessionId?: string;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  trustHost: true,
  logger: {
    // A wrong password is an answer, not a server error: keep it out of the error log.
    error: (error) => {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin")
        return;
      // Auth.js wraps what failed (a CallbackRouteError's cause is `{ err }`): log that, not the wrapper.
      const inner = (error as { cause?: { err?: unknown } }).cause?.err;
      log.error({ err: inner ?? error }, `[auth] ${error.name}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials, request) => {
        const result = await signInWithPassword(getDb(), credentials, {
          address: clientAddressOf(request.headers),
          userAgent: request.headers.get("user-agent"),
        });
        return userOrRefusal(result);
      },
    }),
    // The second step of a sign-in with two-factor: the token the right password gave and a code.
    Credentials({
      id: "two-factor",
      credentials: { token: {}, code: { label: "Authentication code" } },
      authorize: async (credentials, request) =>
        userOrRefusal(
          await signInWithSecondFactor(getDb(), credentials, {
            userAgent: request.headers.get("user-agent"),
          }),
        ),
    }),
    // Only the server mints these tokens (lib/signup after an email link is confirmed); single use, 2 minutes.
    Credentials({
      id: "one-time",
      credentials: { token: {} },
      authorize: async (credentials, request) => {
        const result = await signInWithOneTimeToken(getDb(), credentials, request.headers.get("user-agent"));
        if (!result.ok) return null;
        return {
          id: result.user.id,
          email: result.user.email,
          name: result.user.name,
          sessionId: result.user.sessionId,
        };
      },
    }),
  ],
  events: {
    // Every way out revokes the server-side session row, Auth.js's own POST /api/auth/signout included: a
    // copied cookie is worthless after sign-out.
    signOut: async (message) => {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string")
        await getDb().update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sid));
    },
  },
  callbacks: {
    // The token only names the user and the server-side session; role and reseller are read fresh
    // from the database on every request (lib/auth/guard.ts), so a role change or revocation is immediate.
    jwt: ({ token, user }) => {
      if (user) {
        token.sub = user.id;
        token.sid = user.sessionId;
      }
      return token;
    },
    session: ({ session, token }) => {
      if (token.sub) session.user.id = token.sub;
      session.sessionId = typeof token.sid === "string" ? token.sid : undefined;
      return session;
    },
  },
});
