import { errorResponse } from "@/lib/api/errors";
import { renderInvoicePdf } from "@/lib/invoices";
import { invoiceFileName, loadInvoiceForRequest } from "@/lib/portal/invoice-access";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const doc = await loadInvoiceForRequest(params);
    const pdf = await renderInvoicePdf(doc, { locale: "en-US" });
    return new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${invoiceFileName(doc, "pdf")}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
