import { userRoute } from "@/lib/api/route";
import { renderInvoicePdf } from "@/lib/invoices";
import { invoiceFileName, invoiceRouteSchema, loadInvoiceForUser } from "@/lib/portal/invoice-access";

export const dynamic = "force-dynamic";

/** Staff download any invoice; a reseller user only its own issued ones (else 404). */
export const GET = userRoute("signed_in", invoiceRouteSchema, async ({ params }, ctx) => {
  const doc = await loadInvoiceForUser(ctx.db, ctx.user, params.id);
  const pdf = await renderInvoicePdf(doc, { locale: "en-US" });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${invoiceFileName(doc, "pdf")}"`,
      "cache-control": "private, no-store",
    },
  });
});
