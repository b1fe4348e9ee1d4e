import { z } from "zod";
import { getDb } from "@/db/client";
import { errorResponse } from "@/lib/api/errors";
import { requireSignedIn } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors/app-error";
import { renderInvoicePdf } from "@/lib/invoices";
import { invoiceFileName, loadInvoiceForUser } from "@/lib/portal/invoice-access";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requireSignedIn();
    const id = z
      .string()
      .uuid()
      .safeParse((await params).id);
    if (!id.success) throw new AppError("not_found", "Invoice not found.");
    const doc = await loadInvoiceForUser(getDb(), user, id.data);
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
