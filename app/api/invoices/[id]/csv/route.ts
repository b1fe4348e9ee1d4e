import { userRoute } from "@/lib/api/route";
import { renderInvoiceCsv } from "@/lib/invoices";
import { invoiceFileName, invoiceRouteSchema, loadInvoiceForUser } from "@/lib/portal/invoice-access";

export const dynamic = "force-dynamic";

/** Staff download any invoice; a reseller user only its own issued ones (else 404). */
export const GET = userRoute("signed_in", invoiceRouteSchema, async ({ params }, ctx) => {
  const doc = await loadInvoiceForUser(ctx.db, ctx.user, params.id);
  return new Response(renderInvoiceCsv(doc), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${invoiceFileName(doc, "csv")}"`,
      "cache-control": "private, no-store",
    },
  });
});
