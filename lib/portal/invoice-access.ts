import "server-only";
import { and, eq, ne, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { invoices } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { getInvoiceDocument, type InvoiceDocument } from "@/lib/invoices";

/**
 * Who looks at invoices: the distributor (`resellerId` null) sees any invoice; a reseller only its own, and
 * never drafts. The one visibility rule of the screens, the downloads and /api/v1.
 */
export type InvoiceViewer = { resellerId: string | null };

/** The visibility rule as a condition on `invoices` (undefined: every invoice), for lists and joins. */
export function visibleInvoicesWhere(viewer: InvoiceViewer): SQL | undefined {
  if (viewer.resellerId === null) return undefined;
  return and(eq(invoices.resellerId, viewer.resellerId), ne(invoices.status, "draft"));
}

const notFound = () => new AppError("not_found", "Invoice not found.");

/** The invoice's owner and status when `viewer` may see it; anything else is "not found", so ids reveal nothing. */
export async function findVisibleInvoice(
  db: DbOrTx,
  viewer: InvoiceViewer,
  invoiceId: string,
): Promise<{ id: string; resellerId: string; status: InvoiceDocument["status"] }> {
  // A malformed id is just another invoice the caller cannot see (the uuid column would refuse it).
  if (!z.uuid().safeParse(invoiceId).success) throw notFound();
  const [row] = await db
    .select({ id: invoices.id, resellerId: invoices.resellerId, status: invoices.status })
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), visibleInvoicesWhere(viewer)))
    .limit(1);
  if (!row) throw notFound();
  return row;
}

/** The invoice document when `viewer` may see it (else not_found). */
export async function loadVisibleInvoice(
  db: DbOrTx,
  viewer: InvoiceViewer,
  invoiceId: string,
): Promise<InvoiceDocument> {
  await findVisibleInvoice(db, viewer, invoiceId);
  return getInvoiceDocument(db, invoiceId);
}

/** A signed-in user as an invoice viewer: staff are the distributor, a portal user its reseller, anyone else none. */
export function invoiceViewerOf(user: CurrentUser): InvoiceViewer | null {
  if (can(user.role, "admin:read")) return { resellerId: null };
  if (can(user.role, "portal:read") && user.resellerId) return { resellerId: user.resellerId };
  return null;
}

/**
 * An invoice the caller may see: any invoice for distributor staff; for a reseller user only its own
 * reseller's invoices, and never drafts. Anything else is "not found", so ids reveal nothing.
 */
export async function loadInvoiceForUser(
  db: DbOrTx,
  user: CurrentUser,
  invoiceId: string,
): Promise<InvoiceDocument> {
  const viewer = invoiceViewerOf(user);
  if (!viewer) throw notFound();
  return loadVisibleInvoice(db, viewer, invoiceId);
}

export function invoiceFileName(doc: InvoiceDocument, ext: "pdf" | "csv"): string {
  return `${doc.number ?? `draft-${doc.period}-${doc.id.slice(0, 8)}`}.${ext}`;
}

/** The download routes' input: the invoice id from the path (checked by loadInvoiceForUser). */
export const invoiceRouteSchema = z.object({ params: z.object({ id: z.string() }) });
