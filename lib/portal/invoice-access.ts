import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { type Db, getDb } from "@/db/client";
import { invoices } from "@/db/schema";
import { type CurrentUser, requireSignedIn } from "@/lib/auth/guard";
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

/** For the download routes: the signed-in caller's invoice from the route's id parameter. */
export async function loadInvoiceForRequest(params: Promise<{ id: string }>): Promise<InvoiceDocument> {
  const user = await requireSignedIn();
  const id = z
    .string()
    .uuid()
    .safeParse((await params).id);
  if (!id.success) throw new AppError("not_found", "Invoice not found.");
  return loadInvoiceForUser(getDb(), user, id.data);
}
