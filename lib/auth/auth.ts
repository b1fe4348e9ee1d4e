import "server-only";
import { eq } from "drizzle-orm";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { clientAddressOf } from "@/lib/http/client-address";
import { log } from "@/lib/log";
import { SESSION_MAX_AGE_SECONDS, signInWithOneTimeToken, signInWithPassword } from "./credentials";

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
        if (result.ok)
          return {
            id: result.user.id,
            email: result.user.email,
            name: result.user.name,
            sessionId: result.user.sessionId,
          };
        if (result.reason === "locked") throw new LockedError(result.retryAfterSeconds ?? 60);
        if (result.reason === "disabled") throw new DisabledError();
        if (result.reason === "unverified") throw new UnverifiedError();
        return null;
      },
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
