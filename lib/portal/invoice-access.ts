import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { invoices } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { getInvoiceDocument, type InvoiceDocument } from "@/lib/invoices";

/**
 * An invoice the caller may see: any invoice for distributor staff; for a reseller user only its own
 * reseller's invoices, and never drafts. Anything else is "not found", so ids reveal nothing.
 */
export async function loadInvoiceForUser(
  db: Db,
  user: CurrentUser,
  invoiceId: string,
): Promise<InvoiceDocument> {
  // A malformed id is just another invoice the caller cannot see (the uuid column would refuse it).
  if (!z.uuid().safeParse(invoiceId).success) throw new AppError("not_found", "Invoice not found.");
  const [row] = await db
    .select({ resellerId: invoices.resellerId, status: invoices.status })
    .from(invoices)
    .where(eq(invoices.id, invoiceId))
    .limit(1);
  const visible =
    row &&
    (can(user.role, "admin:read") ||
      (can(user.role, "portal:read") && row.resellerId === user.resellerId && row.status !== "draft"));
  if (!visible) throw new AppError("not_found", "Invoice not found.");
  return getInvoiceDocument(db, invoiceId);
}

export function invoiceFileName(doc: InvoiceDocument, ext: "pdf" | "csv"): string {
  return `${doc.number ?? `draft-${doc.period}-${doc.id.slice(0, 8)}`}.${ext}`;
}

/** The download routes' input: the invoice id from the path (checked by loadInvoiceForUser). */
export const invoiceRouteSchema = z.object({ params: z.object({ id: z.string() }) });
