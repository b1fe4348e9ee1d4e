import "server-only";
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { provisioningJobs, provisioningSteps, resellers, signups, users } from "@/db/schema";
import { todayUtc } from "@/lib/clock";
import { getContractView } from "@/lib/contracts";
import { findResellerContractId } from "@/lib/portal/contract";

/** And at most this many users (a reseller has a few; the record never loads an unbounded list). */
export const DETAIL_USERS = 20;

/** Everything the back office shows about one reseller. */
export async function getResellerDetail(db: Db, resellerId: string) {
  const [reseller] = await db.select().from(resellers).where(eq(resellers.id, resellerId)).limit(1);
  if (!reseller) return null;
  const [signup] = await db.select().from(signups).where(eq(signups.resellerId, resellerId));
  const contractId = await findResellerContractId(db, resellerId);
  const view = contractId ? await getContractView(db, { contractId, today: todayUtc() }) : null;
  const [userRows, [userCount]] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        lastSignInAt: users.lastSignInAt,
      })
      .from(users)
      .where(eq(users.resellerId, resellerId))
      .orderBy(asc(users.email), asc(users.id))
      .limit(DETAIL_USERS),
    db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.resellerId, resellerId)),
  ]);
  const jobs = contractId
    ? await db
        .select()
        .from(provisioningJobs)
        .where(eq(provisioningJobs.contractId, contractId))
        .orderBy(desc(provisioningJobs.createdAt))
        .limit(10)
    : [];
  const steps = jobs.length
    ? await db
        .select()
        .from(provisioningSteps)
        .where(
          inArray(
            provisioningSteps.jobId,
            jobs.map((j) => j.id),
          ),
        )
        .orderBy(asc(provisioningSteps.position))
    : [];
  return {
    reseller,
    signup: signup ?? null,
    view,
    users: userRows,
    userCount: Number(userCount?.n ?? userRows.length),
    jobs: jobs.map((j) => ({ ...j, steps: steps.filter((s) => s.jobId === j.id) })),
  };
}
