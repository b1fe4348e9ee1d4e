import "server-only";
import { like, or, sql } from "drizzle-orm";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";

/**
 * Every limit Tierline applies, in one place. Each is a rate-limiter-flexible limiter on its PostgreSQL store
 * (the `rate_limits` table, one atomic upsert per request), so every app instance on the database counts
 * against the same budget, and N parallel requests can never pass more than `points` between them.
 */
export const LIMITS = {
  /** Wrong passwords for one account from one address (consecutive: a success clears it). */
  signInAccountAddress: { points: 5, duration: 15 * 60 },
  /** Wrong passwords from one address, across every account (password spraying). */
  signInAddress: { points: 20, duration: 60 * 60 },
  /**
   * Wrong passwords for one account from anywhere (a distributed guess). High enough that locking someone
   * out takes many addresses; an admin can unlock (lib/auth/unlock.ts).
   */
  signInAccount: { points: 50, duration: 60 * 60 },
  /**
   * Wrong two-factor codes (or password re-entries on /account/security) for one account (consecutive: a
   * right code clears it), so six-digit codes cannot be guessed after a correct password.
   */
  twoFactorAccount: { points: 5, duration: 15 * 60 },
  /** Password-reset emails per address and per account. */
  resetAddress: { points: 10, duration: 60 * 60 },
  resetAccount: { points: 3, duration: 60 * 60 },
  /** Verification resends per address and per email. */
  resendAddress: { points: 10, duration: 60 * 60 },
  resendAccount: { points: 3, duration: 60 * 60 },
  /** "Someone tried to sign up with your email" notices per email (a sign-up never says the email is taken). */
  signupNotice: { points: 1, duration: 60 * 60 },
  /** Storefront estimates per address (a person typing makes a few a minute). */
  estimate: { points: 120, duration: 60 },
  /** Live Acronis login checks on the sign-up form per address (each asks Acronis). */
  acronisLoginCheck: { points: 30, duration: 60 },
  /** Requests per API key per minute on /api/v1 (points from API_RATE_LIMIT_PER_MINUTE, lib/api/v1). */
  apiKey: { points: 600, duration: 60 },
} as const satisfies Record<string, { points: number; duration: number }>;

export type LimitName = keyof typeof LIMITS;

/** `resetSeconds`: until the window ends and the whole budget is back (RateLimit-Reset). */
export type LimitResult =
  | { ok: true; remaining: number; resetSeconds: number }
  | { ok: false; retryAfterSeconds: number };

const limitersByDb = new WeakMap<Db, Map<string, RateLimiterDrizzle>>();

function limiter(db: Db, name: LimitName, points: number): RateLimiterDrizzle {
  let byName = limitersByDb.get(db);
  if (!byName) {
    byName = new Map();
    limitersByDb.set(db, byName);
  }
  const cacheKey = `${name}:${points}`;
  let found = byName.get(cacheKey);
  if (!found) {
    found = new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      keyPrefix: name,
      ...LIMITS[name],
      points,
      // Expired rows are deleted by the worker's maintenance (deleteExpiredLimits), not a timer per limiter.
      clearExpiredByTimeout: false,
    });
    byName.set(cacheKey, found);
  }
  return found;
}

/**
 * Counts one request against `name` for `key`: allowed, or refused with the seconds until it may retry.
 * `points` overrides the budget of LIMITS (a limit whose size is configured, e.g. API_RATE_LIMIT_PER_MINUTE).
 */
export async function consumeLimit(
  db: Db,
  name: LimitName,
  key: string,
  points: number = LIMITS[name].points,
): Promise<LimitResult> {
  try {
    const res = await limiter(db, name, points).consume(key, 1);
    return {
      ok: true,
      remaining: res.remainingPoints,
      resetSeconds: Math.max(0, Math.ceil(res.msBeforeNext / 1000)),
    };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
    throw rejection;
  }
}

/**
 * Takes a point from each limit in turn; the first that refuses throws a `rate_limited` AppError whose
 * message is `message("N minutes")`, the wait until that limit lets the request through.
 */
export async function takeLimitsOrRefuse(
  db: Db,
  limits: readonly (readonly [LimitName, string])[],
  message: (wait: string) => string,
): Promise<void> {
  for (const [name, key] of limits) {
    const allowed = await consumeLimit(db, name, key);
    if (!allowed.ok) {
      const minutes = Math.ceil(allowed.retryAfterSeconds / 60);
      throw new AppError("rate_limited", message(`${minutes} minute${minutes === 1 ? "" : "s"}`));
    }
  }
}

/** Gives back a point taken for a request that turned out not to count (a successful sign-in). */
export async function refundLimit(db: Db, name: LimitName, key: string): Promise<void> {
  await limiter(db, name, LIMITS[name].points).reward(key, 1);
}

/** Forgets every count of `name` for `key` (a success ends a run of consecutive failures). */
export async function clearLimit(db: Db, name: LimitName, key: string): Promise<void> {
  await limiter(db, name, LIMITS[name].points).delete(key);
}

/** The store's key for `name` and `key`, as rate-limiter-flexible writes it (`prefix:key`). */
export function storeKey(name: LimitName, key: string): string {
  return `${name}:${key}`;
}

/** Deletes rows whose window ended more than an hour ago (the worker runs this). */
export async function deleteExpiredLimits(db: Db): Promise<number> {
  const gone = await db
    .delete(rateLimits)
    .where(sql`${rateLimits.expire} < now() - interval '1 hour'`)
    .returning({ key: rateLimits.key });
  return gone.length;
}

/** Escapes LIKE's wildcards so a key prefix matches only itself. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Deletes every live count whose key starts with one of `prefixes` (store keys). */
export async function clearLimitPrefixes(db: Db, prefixes: readonly string[]): Promise<number> {
  if (prefixes.length === 0) return 0;
  const gone = await db
    .delete(rateLimits)
    .where(or(...prefixes.map((p) => like(rateLimits.key, likePrefix(p)))))
    .returning({ key: rateLimits.key });
  return gone.length;
}
