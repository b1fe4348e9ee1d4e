import "server-only";
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { provisioningJobs, provisioningSteps, resellers, signups, users } from "@/db/schema";
import { todayUtc } from "@/lib/clock";
import { getContractView } from "@/lib/contracts";
import { customerListSpec, listCustomerPage } from "@/lib/customers/customer-list";
import { parseListParams } from "@/lib/lists/params";
import { findResellerContractId } from "@/lib/portal/contract";

/** The record shows this many customers (the full list is /admin/resellers/<id>/customers). */
export const DETAIL_CUSTOMERS = 10;
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

/**
 * The first customers of the reseller by name, with how many it has (counted up to the lists' cap): the
 * record's preview of /admin/resellers/<id>/customers.
 */
export async function getResellerCustomersPreview(db: Db, resellerId: string, today: string) {
  const params = parseListParams(customerListSpec, { size: String(DETAIL_CUSTOMERS) });
  const page = await listCustomerPage(db, resellerId, params, today);
  return { rows: page.rows, count: page.count };
}
