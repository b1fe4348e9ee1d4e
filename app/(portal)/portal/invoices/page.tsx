import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { dec } from "@/lib/billing";
import { todayUtc } from "@/lib/clock";
import { formatDate, formatMoney, formatPeriod } from "@/lib/format";
import { listResellerInvoices } from "@/lib/portal/queries";
import { type PaymentStatus, paymentStatus } from "./payment-status";

export const metadata = { title: "Invoices" };

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

export default async function PortalInvoicesPage() {
  const ctx = await pageContext("portal:read", "/portal/invoices");
  const rows = await listResellerInvoices(ctx.db, requireResellerScope(ctx));
  const today = todayUtc();
  const shown = rows.map((row) => ({ ...row, payment: paymentStatus(row, today) }));
  const unpaid = shown.filter((r) => r.payment.kind === "due" || r.payment.kind === "overdue");
  const overdue = unpaid.filter((r) => r.payment.kind === "overdue").length;
  const owed = new Map<string, ReturnType<typeof dec>>();
  for (const r of unpaid) owed.set(r.currency, (owed.get(r.currency) ?? dec(0)).plus(r.total));
  return (
    <>
      <PageHeader
        title="Invoices"
        description="Your monthly invoices: usage per customer and service, the commitment top-up, tax. Each one is also emailed to your billing contacts with its PDF."
      />
      {unpaid.length > 0 && (
        <p className="mb-4 text-sm text-slate-700" data-testid="outstanding">
          <span className="font-medium">
            {unpaid.length === 1 ? "1 unpaid invoice" : `${unpaid.length} unpaid invoices`}
          </span>
          {": "}
          {[...owed].map(([currency, sum]) => formatMoney(sum.toFixed(), currency)).join(" + ")}
          {overdue > 0 && <span className="text-red-700">{` — ${overdue} overdue`}</span>}
        </p>
      )}
      <Card>
        {shown.length === 0 ? (
          <EmptyState title="No invoices yet">
            Your first invoice arrives after the end of your first paid month.
          </EmptyState>
        ) : (
          <Table caption="Invoices">
            <thead>
              <tr>
                <Th>Invoice</Th>
                <Th numeric>Amount</Th>
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
                    <div className="text-xs text-slate-500">{formatPeriod(r.period)}</div>
                    {/* On a phone the status sits under the number: the row fits 390 px without scrolling. */}
                    <div className="mt-1 sm:hidden">
                      <StatusBadge status={r.payment} />
                    </div>
                  </Td>
                  <Td numeric className="align-top sm:align-middle">
                    {formatMoney(r.total, r.currency)}
                  </Td>
                  <Td className="hidden sm:table-cell">
                    <StatusBadge status={r.payment} />
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
                      className="hidden font-medium text-brand hover:underline sm:inline"
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
      </Card>
    </>
  );
}
