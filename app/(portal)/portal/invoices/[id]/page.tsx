import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { InvoiceDownloads } from "@/components/invoices/invoice-downloads";
import { InvoiceView } from "@/components/invoices/invoice-view";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { isAppError } from "@/lib/errors/app-error";
import { loadInvoiceForUser } from "@/lib/portal/invoice-access";

export const metadata = { title: "Invoice" };

export default async function PortalInvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext("portal:read", "/portal/invoices");
  const id = z
    .string()
    .uuid()
    .safeParse((await params).id);
  if (!id.success) notFound();
  const doc = await loadInvoiceForUser(ctx.db, ctx.user, id.data).catch((e) => {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  });
  return (
    <>
      <PageHeader
        title={doc.number ?? "Invoice"}
        description={
          <Link href="/portal/invoices" className="text-brand hover:underline">
            ← Invoices
          </Link>
        }
        action={<InvoiceDownloads invoiceId={doc.id} />}
      />
      <InvoiceView doc={doc} customerBase="/portal/customers" />
    </>
  );
}
