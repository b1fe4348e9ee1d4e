import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { InvoiceDownloads } from "@/components/invoices/invoice-downloads";
import { InvoiceView } from "@/components/invoices/invoice-view";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { getAdminInvoicePage } from "@/lib/admin/billing";
import { can } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { formatDateTime, formatMoney } from "@/lib/format";
import { InvoiceActions } from "./invoice-actions";

export const metadata = { title: "Invoice" };

export default async function AdminInvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext("admin:read", "/admin/invoices");
  const user = ctx.user;
  const id = z
    .string()
    .uuid()
    .safeParse((await params).id);
  if (!id.success) notFound();
  const { doc, notes, lines } = await getAdminInvoicePage(ctx.db, user, id.data).catch((e) => {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  });
  return (
    <>
      <PageHeader
        title={doc.number ?? `Draft ${doc.period}`}
        description={
          <Link href="/admin/invoices" className="text-brand hover:underline">
            ← Invoices
          </Link>
        }
        action={<InvoiceDownloads invoiceId={doc.id} />}
      />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <div className="xl:col-span-2">
          <InvoiceView doc={doc} />
        </div>
        <div className="flex flex-col gap-6">
          {can(user.role, "finance:write") && (
            <Card>
              <CardHeader title="Actions" />
              <CardBody>
                <InvoiceActions
                  invoiceId={doc.id}
                  status={doc.status}
                  currency={doc.currency}
                  lines={lines}
                />
              </CardBody>
            </Card>
          )}
          <Card>
            <CardHeader title="Credit notes" />
            <CardBody>
              {notes.length === 0 ? (
                <p className="text-sm text-slate-500">None.</p>
              ) : (
                <ul className="flex flex-col gap-3 text-sm">
                  {notes.map((n) => (
                    <li key={n.id}>
                      <p className="font-medium text-slate-900">
                        {n.number} · {formatMoney(n.total, doc.currency)}
                      </p>
                      <p className="text-xs text-slate-500">
                        {formatDateTime(n.createdAt)} · {n.reason}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </CardBody>
          </Card>
        </div>
      </div>
    </>
  );
}
