import { z } from "zod";
import { userRoute } from "@/lib/api/route";
import { getEmailAttachment } from "@/lib/email/outbox-queries";
import { AppError } from "@/lib/errors/app-error";
import { getInvoiceDocument, renderInvoicePdf } from "@/lib/invoices";

export const dynamic = "force-dynamic";

const schema = z.object({
  params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
});

/**
 * An outbox email's attachment, as the recipient gets it: an invoice's PDF is rendered from the issued
 * invoice (what the sender attaches), other files are their stored bytes. Back-office readers only.
 */
export const GET = userRoute("admin:read", schema, async ({ params }, ctx) => {
  const file = await getEmailAttachment(ctx.db, params.id, params.attachmentId);
  if (!file) throw new AppError("not_found", "Attachment not found");
  const content = file.invoiceId
    ? await renderInvoicePdf(await getInvoiceDocument(ctx.db, file.invoiceId), { locale: "en-US" })
    : file.content;
  if (!content) throw new AppError("not_found", "Attachment not found");
  return new Response(new Uint8Array(content), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename.replace(/["\\\r\n]/g, "_")}"`,
      "cache-control": "private, no-store",
    },
  });
});
