import Link from "next/link";
import { StateBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDate, formatMoney, formatNumber, formatPeriod, formatUnitPrice } from "@/lib/format";
import type { InvoiceDocument } from "@/lib/invoices";

/**
 * The invoice as the reseller and the distributor see it on screen: the same data as the PDF and CSV.
 * `customerBase`: customer names link to `<customerBase>/<id>?month=<period>` (the usage page of that month).
 */
export function InvoiceView({ doc, customerBase }: { doc: InvoiceDocument; customerBase?: string }) {
  const m = (amount: string) => formatMoney(amount, doc.currency);
  const { distributor, reseller } = doc.parties;
  return (
    <Card className="overflow-hidden">
      <div className="flex flex-wrap items-start justify-between gap-6 border-b border-slate-100 px-6 py-5">
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Invoice</p>
          <p className="mt-1 text-xl font-semibold text-slate-900">{doc.number ?? "Draft"}</p>
          <p className="mt-1 text-sm text-slate-600">
            {formatPeriod(doc.period)} · dated {formatDate(doc.invoiceDate)}
            {doc.dueDate && doc.status === "issued" && <> · due {formatDate(doc.dueDate)}</>}
          </p>
        </div>
        <StateBadge state={doc.status} />
      </div>
      <div className="grid gap-6 border-b border-slate-100 px-6 py-5 text-sm sm:grid-cols-3">
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">From</p>
          <p className="mt-1 font-medium text-slate-900">{distributor.legalName}</p>
          {distributor.addressLines.map((l) => (
            <p key={l} className="text-slate-600">
              {l}
            </p>
          ))}
          {distributor.taxId && <p className="text-slate-600">Tax id {distributor.taxId}</p>}
        </div>
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Bill to</p>
          <p className="mt-1 font-medium text-slate-900">{reseller.legalName}</p>
          {reseller.addressLines.map((l) => (
            <p key={l} className="text-slate-600">
              {l}
            </p>
          ))}
          {reseller.taxId && <p className="text-slate-600">Tax id {reseller.taxId}</p>}
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-slate-500">Tier</dt>
          <dd className="text-right font-medium">{doc.tier.name}</dd>
          <dt className="text-slate-500">Cycle</dt>
          <dd className="text-right">{doc.cycle}</dd>
          <dt className="text-slate-500">Days billed</dt>
          <dd className="text-right">
            {doc.activeDays} of {doc.periodDays}
          </dd>
          <dt className="text-slate-500">Commitment</dt>
          <dd className="text-right tabular-nums">{m(doc.commitment)}</dd>
          <dt className="text-slate-500">Ramp-up</dt>
          <dd className="text-right">
            {doc.rampUp.waived ? `waived, cycle ${doc.rampUp.cycle} of ${doc.rampUp.cycles}` : "none"}
          </dd>
        </dl>
      </div>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Invoice lines</caption>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-6 py-2 text-left font-semibold">
                Service
              </th>
              <th scope="col" className="px-4 py-2 text-right font-semibold">
                Quantity
              </th>
              <th scope="col" className="px-4 py-2 text-left font-semibold">
                Unit
              </th>
              <th scope="col" className="px-4 py-2 text-right font-semibold">
                Unit price
              </th>
              <th scope="col" className="px-6 py-2 text-right font-semibold">
                Amount
              </th>
            </tr>
          </thead>
          {doc.customers.map((g) => (
            <tbody key={g.customerId ?? g.customerName} className="border-t border-slate-100">
              <tr>
                <th
                  scope="rowgroup"
                  colSpan={5}
                  className="bg-white px-6 pb-1 pt-4 text-left font-semibold text-slate-900"
                >
                  {customerBase && g.customerId ? (
                    <Link
                      href={`${customerBase}/${g.customerId}?month=${doc.period}`}
                      className="hover:text-brand hover:underline"
                    >
                      {g.customerName}
                    </Link>
                  ) : (
                    g.customerName
                  )}
                </th>
              </tr>
              {g.lines.map((l) => (
                <tr key={l.id ?? `${g.customerName}-${l.skuCode}`} className="text-slate-700">
                  <td className="px-6 py-1.5">{l.description}</td>
                  <td className="px-4 py-1.5 text-right tabular-nums">{formatNumber(l.quantity, 4)}</td>
                  <td className="px-4 py-1.5">{l.unit}</td>
                  <td className="px-4 py-1.5 text-right tabular-nums">
                    {formatUnitPrice(l.unitPrice, doc.currency)}
                  </td>
                  <td className="px-6 py-1.5 text-right tabular-nums">{m(l.amount)}</td>
                </tr>
              ))}
              <tr>
                <td
                  colSpan={4}
                  className="px-6 py-1.5 text-right text-xs font-medium uppercase tracking-wide text-slate-500"
                >
                  Subtotal {g.customerName}
                </td>
                <td className="px-6 py-1.5 text-right font-medium tabular-nums">{m(g.subtotal)}</td>
              </tr>
            </tbody>
          ))}
        </table>
      </div>
      <dl className="ml-auto grid max-w-sm grid-cols-[1fr_auto] gap-x-6 gap-y-1.5 border-t border-slate-100 px-6 py-5 text-sm">
        <dt className="text-slate-600">Consumption</dt>
        <dd className="text-right tabular-nums">{m(doc.consumption)}</dd>
        {doc.commitmentLine && (
          <>
            <dt className="text-slate-600">{doc.commitmentLine.description}</dt>
            <dd className="text-right tabular-nums">{m(doc.commitmentLine.amount)}</dd>
          </>
        )}
        <dt className="text-slate-600">Subtotal</dt>
        <dd className="text-right tabular-nums">{m(doc.subtotal)}</dd>
        <dt className="text-slate-600">Tax ({formatNumber(doc.taxRatePercent, 4)}%)</dt>
        <dd className="text-right tabular-nums">{m(doc.tax)}</dd>
        {doc.taxNote && (
          <>
            <dt className="sr-only">Tax note</dt>
            <dd className="col-span-2 text-xs text-slate-600">{doc.taxNote}</dd>
          </>
        )}
        <dt className="border-t border-slate-200 pt-2 font-semibold text-slate-900">Total</dt>
        <dd className="border-t border-slate-200 pt-2 text-right text-base font-semibold tabular-nums text-slate-900">
          {m(doc.total)}
        </dd>
      </dl>
      {doc.fx && (
        <p className="border-t border-slate-100 px-6 py-3 text-xs text-slate-500">
          Exchange rate: 1 {doc.fx.from} = {doc.fx.rate} {doc.fx.to}, dated {formatDate(doc.fx.date)} (
          {doc.fx.source}).
        </p>
      )}
      {doc.status === "void" && (
        <p className="border-t border-red-100 bg-red-50 px-6 py-3 text-sm text-red-800">
          Voided {formatDate(doc.voidedAt)}: {doc.voidReason}
        </p>
      )}
    </Card>
  );
}
