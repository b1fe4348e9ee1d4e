import Link from "next/link";
import { InvoiceTable } from "@/components/invoices/invoice-table";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { listInvoices } from "@/lib/admin/billing";

export const metadata = { title: "Invoices" };

const statuses = ["all", "draft", "issued", "paid", "void"] as const;

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const ctx = await pageContext("admin:read", "/admin/invoices");
  const { status } = await searchParams;
  const current = statuses.find((s) => s === status) ?? "all";
  const rows = await listInvoices(ctx.db, current === "all" ? {} : { status: current });
  return (
    <>
      <PageHeader
        title="Invoices"
        description="Every invoice of every reseller. Issued invoices never change; correct them with credit notes."
      />
      <nav aria-label="Invoice status" className="mb-4 flex gap-2">
        {statuses.map((s) => (
          <Link
            key={s}
            href={s === "all" ? "/admin/invoices" : `/admin/invoices?status=${s}`}
            aria-current={s === current ? "page" : undefined}
            className={cn(
              "rounded-full px-3 py-1 text-sm font-medium",
              s === current
                ? "bg-slate-900 text-white"
                : "bg-white text-slate-600 ring-1 ring-slate-200 hover:bg-slate-100",
            )}
          >
            {s}
          </Link>
        ))}
      </nav>
      <Card>
        {rows.length === 0 ? (
          <EmptyState title="No invoices">Run billing for a period to create them.</EmptyState>
        ) : (
          <InvoiceTable rows={rows} hrefBase="/admin/invoices" showReseller />
        )}
      </Card>
    </>
  );
}
