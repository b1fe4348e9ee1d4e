import Link from "next/link";
import { InvoiceTable } from "@/components/invoices/invoice-table";
import { ExportLink } from "@/components/lists/export-link";
import { ListEmpty } from "@/components/lists/list-empty";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { ListPager } from "@/components/lists/list-pager";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import {
  invoiceCurrencyChoices,
  invoiceListSpec,
  invoiceResellerChoices,
  listInvoicePage,
} from "@/lib/admin/invoice-list";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listHref, listLinks } from "@/lib/lists/url";

export const metadata = { title: "Invoices" };

const statuses = ["all", "draft", "issued", "paid", "void"] as const;

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext("admin:read", "/admin/invoices");
  const params = parseListParams(invoiceListSpec, await searchParams);
  const [page, currencies, resellerChoices] = await Promise.all([
    listInvoicePage(ctx.db, params),
    invoiceCurrencyChoices(ctx.db),
    invoiceResellerChoices(ctx.db),
  ]);
  const links = listLinks("/admin/invoices", invoiceListSpec, params, page);
  const current = params.filters.status ?? "all";
  const chosen = params.filters.reseller;
  // A reseller named in the URL but past the choices' limit still shows as chosen.
  if (chosen && !resellerChoices.some((r) => r.id === chosen))
    resellerChoices.push({ id: chosen, name: chosen });
  return (
    <>
      <PageHeader
        title="Invoices"
        description="Every invoice of every reseller. Issued invoices never change; correct them with credit notes."
        action={<ExportLink links={links} noun="invoice" />}
      />
      <nav aria-label="Invoice status" className="mb-4 flex flex-wrap gap-2">
        {statuses.map((s) => (
          <Link
            key={s}
            href={listHref(links.path, links.query, { status: s === "all" ? null : s })}
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
      <ListFilterBar
        links={links}
        carry={["status", "run"]}
        search={{ label: "Search invoices", hint: "Invoice number or reseller name." }}
        values={{ q: params.q, ...params.filters }}
        errors={params.errors}
        fields={[
          { kind: "month", name: "period", label: "Period" },
          {
            kind: "select",
            name: "currency",
            label: "Currency",
            options: currencies.map((c) => ({ value: c, label: c })),
          },
          {
            kind: "select",
            name: "reseller",
            label: "Reseller",
            options: resellerChoices.map((r) => ({ value: r.id, label: r.name })),
          },
          { kind: "amount", name: "min", label: "Total from" },
          { kind: "amount", name: "max", label: "Total up to" },
          { kind: "date", name: "from", label: "Dated from" },
          { kind: "date", name: "to", label: "Dated up to" },
        ]}
      />
      <Card>
        {page.rows.length === 0 ? (
          <ListEmpty links={links} noun="invoices">
            <EmptyState title="No invoices">Run billing for a period to create them.</EmptyState>
          </ListEmpty>
        ) : (
          <InvoiceTable rows={page.rows} hrefBase="/admin/invoices" showReseller links={links} />
        )}
        <ListPager
          links={links}
          count={page.count}
          noun={{ one: "invoice", other: "invoices" }}
          size={params.size}
        />
      </Card>
    </>
  );
}
