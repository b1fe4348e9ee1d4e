import "server-only";
import { and, desc, eq, gte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginAttempts } from "@/db/schema";

export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;

/** Minutes until the email may try again, or 0 when not locked (5 failures in 15 minutes since a success). */
export async function lockedForMinutes(db: Db, email: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const recent = await db
    .select()
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), gte(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.at))
    .limit(MAX_FAILURES);
  const failures = [];
  for (const a of recent) {
    if (a.succeeded) break;
    failures.push(a);
  }
  if (failures.length < MAX_FAILURES) return 0;
  const oldest = failures.at(-1)!.at.getTime();
  return Math.max(1, Math.ceil((oldest + WINDOW_MINUTES * 60_000 - now.getTime()) / 60_000));
}

export async function recordLoginAttempt(db: Db, email: string, succeeded: boolean): Promise<void> {
  await db.insert(loginAttempts).values({ email, succeeded });
}
