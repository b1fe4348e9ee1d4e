import "server-only";
import { and, desc, gt, gte, like, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import {
  clearLimit,
  clearLimitPrefixes,
  consumeLimit,
  LIMITS,
  type LimitResult,
  refundLimit,
  storeKey,
} from "@/lib/security/limits";

/**
 * Sign-in throttling: every attempt takes a point from three limits before its password is checked — the
 * account from this address (5 in 15 minutes), this address across accounts (20 an hour) and the account
 * from anywhere (50 an hour) — each an atomic upsert, so 50 parallel guesses get at most 5 checks. A
 * success gives its points back and clears the account-and-address run.
 */
export async function checkSignInAllowed(db: Db, email: string, address: string): Promise<LimitResult> {
  const accountAddress = await consumeLimit(db, "signInAccountAddress", `${email}|${address}`);
  if (!accountAddress.ok) return accountAddress;
  const byAddress = await consumeLimit(db, "signInAddress", address);
  if (!byAddress.ok) return byAddress;
  return consumeLimit(db, "signInAccount", email);
}

export async function recordSignInSuccess(db: Db, email: string, address: string): Promise<void> {
  await clearLimit(db, "signInAccountAddress", `${email}|${address}`);
  await refundLimit(db, "signInAddress", address);
  await refundLimit(db, "signInAccount", email);
}

/** Clears every sign-in count of an account (per address and overall): an admin's unlock, a completed reset. */
export async function unlockSignIn(db: Db, email: string): Promise<void> {
  const account = email.toLowerCase();
  await clearLimitPrefixes(db, [storeKey("signInAccountAddress", `${account}|`)]);
  await clearLimit(db, "signInAccount", account);
}

export type SignInLock = { email: string; scope: "address" | "account"; address: string | null; until: Date };

/** Accounts that cannot sign in right now (from one address or from anywhere), latest lock first. */
export async function listSignInLocks(db: Db): Promise<SignInLock[]> {
  const rows = await db
    .select()
    .from(rateLimits)
    .where(
      and(
        gt(rateLimits.expire, sql`now()`),
        or(
          and(
            like(rateLimits.key, `${storeKey("signInAccountAddress", "")}%`),
            gte(rateLimits.points, LIMITS.signInAccountAddress.points),
          ),
          and(
            like(rateLimits.key, `${storeKey("signInAccount", "")}%`),
            gte(rateLimits.points, LIMITS.signInAccount.points),
          ),
        ),
      ),
    )
    .orderBy(desc(rateLimits.expire))
    .limit(200);
  return rows.map((row) => {
    const accountAddress = storeKey("signInAccountAddress", "");
    if (row.key.startsWith(accountAddress)) {
      const rest = row.key.slice(accountAddress.length);
      const bar = rest.lastIndexOf("|");
      return {
        email: rest.slice(0, bar),
        scope: "address",
        address: rest.slice(bar + 1),
        until: row.expire!,
      };
    }
    return {
      email: row.key.slice(storeKey("signInAccount", "").length),
      scope: "account",
      address: null,
      until: row.expire!,
    };
  });
}
