import "server-only";
import { type Db, getDb } from "@/db/client";
import type { Actor as AuditActor } from "@/lib/audit";
import { type CurrentUser, requirePageUser, requireSignedIn, requireUser } from "@/lib/auth/guard";
import { isDistributorRole, type Permission } from "@/lib/auth/permissions";
import { now, todayUtc } from "@/lib/clock";
import { AppError } from "@/lib/errors/app-error";
import { currentSettings, type DistributorSettings } from "@/lib/settings/current";

/** A signed-in person. */
export type UserActor = { kind: "user"; user: CurrentUser };
/** A reseller's or the distributor's API key (the public API issue); scoped like a user of that reseller. */
export type ApiKeyActor = { kind: "api_key"; keyId: string; label: string; resellerId: string | null };
/** Who is calling: every action and route handler knows it from ctx, never from the input. */
export type Actor = UserActor | ApiKeyActor;

/** What every request gets, signed in or not. */
export type PublicContext = {
  /** The process-wide database (read lazily: a request that never queries opens nothing). */
  readonly db: Db;
  /** The request's instant and its UTC day, read once from lib/clock. */
  now: Date;
  today: string;
  /** The distributor settings row, loaded once per request. */
  settings: () => Promise<DistributorSettings>;
};

/** A request by a known caller. */
export type Context<A extends Actor = Actor> = PublicContext & {
  actor: A;
  /** The caller's own reseller for reseller roles and reseller keys; null for distributor staff. */
  resellerId: string | null;
  /** Who the audit log names. */
  audit: AuditActor;
};

export type UserContext = Context<UserActor> & { user: CurrentUser };

async function requiredSettings(): Promise<DistributorSettings> {
  const settings = await currentSettings();
  if (!settings) throw new AppError("internal", "The distributor settings are missing: run the seed.");
  return settings;
}

export function publicContext(): PublicContext {
  const at = now();
  return {
    get db() {
      return getDb();
    },
    now: at,
    today: todayUtc(at),
    settings: requiredSettings,
  };
}

export function userContextOf(user: CurrentUser): UserContext {
  const at = now();
  return {
    get db() {
      return getDb();
    },
    now: at,
    today: todayUtc(at),
    settings: requiredSettings,
    actor: { kind: "user", user },
    user,
    resellerId: isDistributorRole(user.role) ? null : user.resellerId,
    audit: { userId: user.id, label: user.email },
  };
}

/**
 * The signed-in caller's context after the permission check (AppError unauthenticated/forbidden
 * otherwise); `"signed_in"` lets any signed-in user through for routes that decide per record.
 */
export async function userContext(permission: Permission | "signed_in"): Promise<UserContext> {
  const user = permission === "signed_in" ? await requireSignedIn() : await requireUser(permission);
  return userContextOf(user);
}

/** The caller's own reseller; a reseller never names another one, and staff have none here. */
export function requireResellerScope(ctx: Context): string {
  if (!ctx.resellerId) throw new AppError("forbidden", "This area is for reseller accounts.");
  return ctx.resellerId;
}

/** For pages and layouts: the same context, sending strangers to sign in and rendering 403 for the wrong role. */
export async function pageContext(permission: Permission, returnTo?: string): Promise<UserContext> {
  return userContextOf(await requirePageUser(permission, returnTo));
}
