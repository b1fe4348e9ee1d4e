import Link from "next/link";
import { ExportLink } from "@/components/lists/export-link";
import { ListEmpty } from "@/components/lists/list-empty";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { ListPager } from "@/components/lists/list-pager";
import { SortHeader } from "@/components/lists/sort-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { formatDate, formatMoney, formatPeriod } from "@/lib/format";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";
import { listPortalInvoicePage, portalInvoiceListSpec, portalOutstanding } from "@/lib/portal/invoice-list";
import { type PaymentStatus, paymentStatus } from "./payment-status";

export const metadata = { title: "Invoices" };

const statusChoices = [
  { value: "due", label: "Due" },
  { value: "overdue", label: "Overdue" },
  { value: "paid", label: "Paid" },
  { value: "void", label: "Void" },
];

function StatusBadge({ status }: { status: PaymentStatus }) {
  switch (status.kind) {
    case "paid":
      return <Badge tone="green">Paid</Badge>;
    case "void":
      return <Badge tone="neutral">Void</Badge>;
    case "due":
      return <Badge tone="blue">{status.dueDate ? `Due ${formatDate(status.dueDate)}` : "Due"}</Badge>;
    case "overdue":
      return <Badge tone="red">{`Overdue (${status.days === 1 ? "1 day" : `${status.days} days`})`}</Badge>;
  }
}

export default async function PortalInvoicesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext("portal:read", "/portal/invoices");
  const scope = { resellerId: requireResellerScope(ctx), today: ctx.today };
  const params = parseListParams(portalInvoiceListSpec, await searchParams);
  const [page, outstanding] = await Promise.all([
    listPortalInvoicePage(ctx.db, scope, params),
    portalOutstanding(ctx.db, scope),
  ]);
  const links = listLinks("/portal/invoices", portalInvoiceListSpec, params, page);
  const shown = page.rows.map((row) => ({ ...row, shown: paymentStatus(row, scope.today) }));
  return (
    <>
      <PageHeader
        title="Invoices"
        description="Your monthly invoices: usage per customer and service, the commitment top-up, tax. Each one is also emailed to your billing contacts with its PDF."
        action={<ExportLink links={links} noun="invoice" />}
      />
      {outstanding.unpaid > 0 && (
        <p className="mb-4 text-sm text-slate-700" data-testid="outstanding">
          <span className="font-medium">
            {outstanding.unpaid === 1 ? "1 unpaid invoice" : `${outstanding.unpaid} unpaid invoices`}
          </span>
          {": "}
          {outstanding.owed.map((o) => formatMoney(o.amount, o.currency)).join(" + ")}
          {outstanding.overdue > 0 && (
            <span className="text-red-700">{` — ${outstanding.overdue} overdue`}</span>
          )}
        </p>
      )}
      <ListFilterBar
        links={links}
        search={{ label: "Search invoices", hint: "An invoice number, or part of one." }}
        values={{ q: params.q, ...params.filters }}
        errors={params.errors}
        fields={[
          { kind: "select", name: "status", label: "Status", options: statusChoices },
          { kind: "month", name: "period", label: "Period" },
          { kind: "date", name: "from", label: "Dated from" },
          { kind: "date", name: "to", label: "Dated up to" },
        ]}
      />
      <Card>
        {shown.length === 0 ? (
          <ListEmpty links={links} noun="invoices">
            <EmptyState title="No invoices yet">
              Your first invoice arrives after the end of your first paid month.
            </EmptyState>
          </ListEmpty>
        ) : (
          <Table caption="Invoices">
            <thead>
              <tr>
                <SortHeader links={links} sort="number">
                  Invoice
                </SortHeader>
                <SortHeader links={links} sort="period">
                  Period
                </SortHeader>
                <SortHeader links={links} sort="date">
                  Dated
                </SortHeader>
                <SortHeader links={links} sort="total" numeric>
                  Amount
                </SortHeader>
                <Th className="hidden sm:table-cell">Status</Th>
                <Th className="hidden sm:table-cell">
                  <span className="sr-only">Downloads</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.map((r) => (
                <tr key={r.id}>
                  <Td>
                    <Link
                      href={`/portal/invoices/${r.id}`}
                      className="font-medium text-brand hover:underline"
                    >
                      {r.number}
                    </Link>
                    {/* On a phone the status sits under the number, in the column that stays in view. */}
                    <div className="mt-1 sm:hidden">
                      <StatusBadge status={r.shown} />
                    </div>
                  </Td>
                  <Td className="align-top sm:align-middle">{formatPeriod(r.period)}</Td>
                  <Td className="align-top sm:align-middle">{formatDate(r.invoiceDate)}</Td>
                  <Td numeric className="align-top sm:align-middle">
                    {formatMoney(r.total, r.currency)}
                  </Td>
                  <Td className="hidden sm:table-cell">
                    <StatusBadge status={r.shown} />
                  </Td>
                  <Td className="hidden space-x-3 text-xs sm:table-cell">
                    <a
                      href={`/api/invoices/${r.id}/pdf`}
                      className="font-medium text-brand hover:underline"
                      aria-label={`PDF of ${r.number}`}
                    >
                      PDF
                    </a>
                    <a
                      href={`/api/invoices/${r.id}/csv`}
                      className="font-medium text-brand hover:underline"
                      aria-label={`CSV of ${r.number}`}
                    >
                      CSV
                    </a>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
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
