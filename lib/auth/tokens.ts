import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { userTokens } from "@/db/schema";

type Purpose = (typeof userTokens.$inferInsert)["purpose"];

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A single-use token; only its hash is stored, so a database leak reveals no usable link. */
export async function issueUserToken(
  db: DbOrTx,
  userId: string,
  purpose: Purpose,
  ttlMinutes: number,
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.insert(userTokens).values({
    userId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + ttlMinutes * 60_000),
  });
  return token;
}

/** Marks the token used and returns its user, or null when unknown, used or expired. */
export async function consumeUserToken(db: DbOrTx, token: string, purpose: Purpose): Promise<string | null> {
  const [row] = await db
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
      ),
    )
    .returning({ userId: userTokens.userId });
  return row?.userId ?? null;
}
