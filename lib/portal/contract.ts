import "server-only";
import { and, desc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";

/** The caller's live contract (or the latest one); a reseller never names a contract id itself. */
export async function findResellerContractId(db: Db, resellerId: string): Promise<string | null> {
  const [live] = await db
    .select({ id: contracts.id })
    .from(contracts)
    .where(and(eq(contracts.resellerId, resellerId), ne(contracts.state, "cancelled")))
    .limit(1);
  if (live) return live.id;
  const [latest] = await db
    .select({ id: contracts.id })
    .from(contracts)
    .where(eq(contracts.resellerId, resellerId))
    .orderBy(desc(contracts.createdAt))
    .limit(1);
  return latest?.id ?? null;
}

export async function requireResellerContractId(db: Db, resellerId: string): Promise<string> {
  const id = await findResellerContractId(db, resellerId);
  if (!id) throw new AppError("not_found", "You have no contract yet.");
  return id;
}
