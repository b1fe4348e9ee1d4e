import { errorResponse } from "@/lib/api/errors";
import { renderInvoiceCsv } from "@/lib/invoices";
import { invoiceFileName, loadInvoiceForRequest } from "@/lib/portal/invoice-access";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const doc = await loadInvoiceForRequest(params);
    return new Response(renderInvoiceCsv(doc), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${invoiceFileName(doc, "csv")}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
