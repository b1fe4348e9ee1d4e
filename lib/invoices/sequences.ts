import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { documentSequences } from "@/db/schema";

export type DocumentKind = "invoice" | "credit_note";

/**
 * Reserves `count` consecutive numbers of `kind` for `year` and returns the first. The sequence row is
 * locked (`for update`) until the calling transaction ends, so concurrent issuers queue, and a rollback
 * returns the numbers with it: they are gap-free because nothing outside the issuing transaction takes one.
 */
export async function reserveNumbers(
  tx: Tx,
  kind: DocumentKind,
  year: number,
  count: number,
): Promise<number> {
  await tx.insert(documentSequences).values({ kind, year, lastNumber: 0 }).onConflictDoNothing();
  const where = and(eq(documentSequences.kind, kind), eq(documentSequences.year, year));
  const [row] = await tx.select().from(documentSequences).where(where).for("update");
  const last = row?.lastNumber ?? 0;
  await tx
    .update(documentSequences)
    .set({ lastNumber: last + count })
    .where(where);
  return last + 1;
}

/** `INV-2026-000001`: prefix from settings, year, six digits. */
export function formatDocumentNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(6, "0")}`;
}
