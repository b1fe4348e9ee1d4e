import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { InvoiceView } from "@/components/invoices/invoice-view";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { requirePageUser } from "@/lib/auth/guard";
import { isAppError } from "@/lib/errors/app-error";
import { loadInvoiceForUser } from "@/lib/portal/invoice-access";

export const metadata = { title: "Invoice" };

export default async function PortalInvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("portal:read", "/portal/invoices");
  const id = z
    .string()
    .uuid()
    .safeParse((await params).id);
  if (!id.success) notFound();
  const doc = await loadInvoiceForUser(getDb(), user, id.data).catch((e) => {
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
        action={
          <div className="flex gap-2">
            <a href={`/api/invoices/${doc.id}/pdf`} className={buttonClass("secondary")}>
              Download PDF
            </a>
            <a href={`/api/invoices/${doc.id}/csv`} className={buttonClass("secondary")}>
              Download CSV
            </a>
          </div>
        }
      />
      <InvoiceView doc={doc} />
    </>
  );
}
