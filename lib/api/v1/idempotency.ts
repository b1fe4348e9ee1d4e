import "server-only";
import { createHash } from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { apiIdempotencyKeys } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";

/** How long a key's first answer is kept (and the key cannot be reused for another request). */
export const IDEMPOTENCY_WINDOW_HOURS = 24;
/**
 * A claim still unanswered after this long belongs to a process that died mid-request (no operation runs
 * for minutes: a billing run is queued, not run, by its POST); a repeat then takes the claim over and runs.
 */
export const IDEMPOTENCY_ABANDONED_MINUTES = 5;

export type IdempotencyClaim = { kind: "claimed" } | { kind: "replay"; status: number; body: unknown };

function requestHash(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex");
}

/**
 * Claims `Idempotency-Key` for one POST, atomically: the first request inserts the row and runs; a repeat
 * gets the first answer back (replay); a repeat while the first still runs, or the same key on a different
 * request, is a 409. A key older than the window, or a claim abandoned by a process that died before
 * answering, is claimed afresh (the same upsert, so two racing repeats still see one winner).
 */
export async function claimIdempotencyKey(
  db: DbOrTx,
  r: { apiKeyId: string; key: string; method: string; path: string; body: string; now: Date },
): Promise<IdempotencyClaim> {
  const hash = requestHash(r.method, r.path, r.body);
  const expiredBefore = new Date(r.now.getTime() - IDEMPOTENCY_WINDOW_HOURS * 3600_000);
  const [inserted] = await db
    .insert(apiIdempotencyKeys)
    .values({
      apiKeyId: r.apiKeyId,
      key: r.key,
      method: r.method,
      path: r.path,
      requestHash: hash,
      createdAt: r.now,
    })
    .onConflictDoUpdate({
      target: [apiIdempotencyKeys.apiKeyId, apiIdempotencyKeys.key],
      set: {
        method: r.method,
        path: r.path,
        requestHash: hash,
        statusCode: null,
        response: null,
        completedAt: null,
        createdAt: r.now,
      },
      setWhere: or(
        lt(apiIdempotencyKeys.createdAt, expiredBefore),
        and(
          isNull(apiIdempotencyKeys.completedAt),
          lt(
            apiIdempotencyKeys.createdAt,
            new Date(r.now.getTime() - IDEMPOTENCY_ABANDONED_MINUTES * 60_000),
          ),
        ),
      ),
    })
    .returning({ key: apiIdempotencyKeys.key });
  if (inserted) return { kind: "claimed" };

  const [first] = await db
    .select()
    .from(apiIdempotencyKeys)
    .where(and(eq(apiIdempotencyKeys.apiKeyId, r.apiKeyId), eq(apiIdempotencyKeys.key, r.key)));
  if (!first) {
    // Released by a failed first attempt between the two statements: this request may try again.
    return claimIdempotencyKey(db, r);
  }
  if (first.requestHash !== hash) {
    throw new AppError(
      "conflict",
      `This Idempotency-Key was used for a different request (${first.method} ${first.path}); use a new key for a new request.`,
    );
  }
  if (first.completedAt === null || first.statusCode === null) {
    throw new AppError(
      "conflict",
      "A request with this Idempotency-Key is still being processed; retry in a moment.",
    );
  }
  return { kind: "replay", status: first.statusCode, body: first.response };
}

/** Records the first answer, which every repeat within the window gets back. */
export async function completeIdempotencyKey(
  db: DbOrTx,
  claim: { keyId: string; key: string },
  status: number,
  body: unknown,
): Promise<void> {
  await db
    .update(apiIdempotencyKeys)
    .set({ statusCode: status, response: body ?? null, completedAt: sql`now()` })
    .where(and(eq(apiIdempotencyKeys.apiKeyId, claim.keyId), eq(apiIdempotencyKeys.key, claim.key)));
}

/** Forgets a claim whose request failed unexpectedly (nothing was changed), so a retry runs it. */
export async function releaseIdempotencyKey(
  db: DbOrTx,
  claim: { keyId: string; key: string },
): Promise<void> {
  await db
    .delete(apiIdempotencyKeys)
    .where(
      and(
        eq(apiIdempotencyKeys.apiKeyId, claim.keyId),
        eq(apiIdempotencyKeys.key, claim.key),
        sql`${apiIdempotencyKeys.completedAt} is null`,
      ),
    );
}

/** Deletes answers older than the window (the worker's maintenance). */
export async function deleteExpiredIdempotencyKeys(db: DbOrTx, now: Date): Promise<number> {
  const gone = await db
    .delete(apiIdempotencyKeys)
    .where(lt(apiIdempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_WINDOW_HOURS * 3600_000)))
    .returning({ key: apiIdempotencyKeys.key });
  return gone.length;
}
