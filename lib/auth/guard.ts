import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { currentSettings } from "@/lib/settings/current";
import { auth } from "./auth";
import { can, isDistributorRole, type Permission, type Role } from "./permissions";
import { mustEnrolTwoFactor } from "./two-factor/staff";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  resellerId: string | null;
  sessionId: string;
  /** Two-factor sign-in is on (its first code confirmed); always set by getCurrentUser. */
  twoFactorEnabled?: boolean;
};

/** The signed-in user, checked against the session row and the user row (once per request). */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const sessionId = session?.sessionId;
  if (!session?.user?.id || !sessionId) return null;
  const [row] = await getDb()
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.userId, session.user.id),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date()),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  if (!row) return null;
  const u = row.user;
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    resellerId: u.resellerId,
    sessionId,
    twoFactorEnabled: u.totpEnabledAt !== null,
  };
});

/** Where staff who must enrol are sent; it stays reachable (requireAccountPageUser). */
export const ACCOUNT_SECURITY_PATH = "/account/security";

/**
 * Staff of a distributor that requires two-factor sign-in, without it: nothing but the enrolment page
 * until they have it. Checked here, where every page, action and route asks for its user, so no back-office
 * page or handler can forget it.
 */
async function mustEnrol(user: CurrentUser): Promise<boolean> {
  if (!isDistributorRole(user.role) || user.twoFactorEnabled) return false;
  return mustEnrolTwoFactor(
    { role: user.role, twoFactorEnabled: user.twoFactorEnabled ?? false },
    (await currentSettings())?.requireStaffTwoFactor ?? false,
  );
}

const enrolFirst = () =>
  new AppError(
    "forbidden",
    "Set up two-factor sign-in first: your distributor requires it for staff (Sign-in security in your menu).",
  );

/** For pages and layouts: sends strangers to sign in and renders 403 for the wrong role. */
export async function requirePageUser(permission: Permission, returnTo?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(returnTo ? `/login?next=${encodeURIComponent(returnTo)}` : "/login");
  if (await mustEnrol(user)) redirect(`${ACCOUNT_SECURITY_PATH}?required=staff`);
  if (!can(user.role, permission)) forbidden();
  return user;
}

/**
 * For the signed-in user's own account pages (/account/…): any role, and reachable by staff who still have
 * to enrol in two-factor sign-in (the one place the requirement sends them).
 */
export async function requireAccountPageUser(returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  return user;
}

/** The same for the account pages' actions: signed in, nothing more. */
export async function requireAccountUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  return user;
}

/** For server actions and route handlers: throws AppError instead of rendering. */
export async function requireUser(permission: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  if (await mustEnrol(user)) throw enrolFirst();
  if (!can(user.role, permission)) throw new AppError("forbidden", "You do not have access to this.");
  return user;
}

/** A reseller user's own reseller id; a reseller can never name another one. */
export function resellerIdOf(user: CurrentUser): string {
  if (!user.resellerId) throw new AppError("forbidden", "This area is for reseller accounts.");
  return user.resellerId;
}

/** Any signed-in user; the caller then decides per record (e.g. an invoice of one's own reseller). */
export async function requireSignedIn(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  if (await mustEnrol(user)) throw enrolFirst();
  return user;
}
