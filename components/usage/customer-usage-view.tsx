"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { CustomerServicesChart } from "@/components/charts/customer-services-chart";
import { monthLabel } from "@/components/charts/format";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { fetchJson, type UsageSource, usageKeys, usageUrls } from "@/lib/dashboard/api";
import type { CustomerUsage } from "@/lib/dashboard/types";
import { formatMoney, formatNumber, formatUnitPrice } from "@/lib/format";
import { useUsageFilters } from "./use-usage-filters";

/** One customer: services day by day (billed day marked), cost per service, history, past invoice lines. */
export function CustomerUsageView({
  source,
  customerId,
  invoiceBase,
  backHref,
}: {
  source: UsageSource;
  customerId: string;
  invoiceBase: string;
  backHref: string;
}) {
  const { filters, set } = useUsageFilters();
  const query = useQuery({
    queryKey: usageKeys.customer(source, customerId, filters.month),
    queryFn: () => fetchJson<CustomerUsage>(usageUrls.customer(source, customerId, filters.month)),
    placeholderData: keepPreviousData,
  });
  if (query.isError) {
    return (
      <div role="alert" className="rounded-lg bg-red-50 px-5 py-4 text-sm text-red-900 ring-1 ring-red-200">
        {query.error.message}
      </div>
    );
  }
  const data = query.data;
  const m = (amount: string) => formatMoney(amount, data?.currency ?? "USD");
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Link
          href={`${backHref}${filters.month ? `?month=${filters.month}` : ""}`}
          className="text-sm font-medium text-brand hover:underline"
        >
          ← Usage of all customers
        </Link>
        {data && (
          <p className="text-sm text-slate-600">
            {monthLabel(data.month)}:{" "}
            <span className="font-semibold tabular-nums text-slate-900">{m(data.total)}</span> to date
            {filters.month && (
              <button
                type="button"
                className="ml-3 text-brand hover:underline"
                onClick={() => set({ month: undefined })}
              >
                Show this month
              </button>
            )}
          </p>
        )}
      </div>
      <CustomerServicesChart
        data={data?.services}
        currency={data?.currency ?? "USD"}
        loading={query.isPending}
        filename={`customer-usage-${data?.month ?? "month"}`}
        defaultSku={filters.service ?? null}
        onSkuChange={(sku) => set({ service: sku })}
      />
      <div className="grid grid-cols-1 gap-6 2xl:grid-cols-3">
        <Card className="2xl:col-span-2">
          <CardHeader
            title="Cost per service"
            description="Rated exactly as your invoice: billed quantity × unit price."
          />
          {!data ? (
            <div className="h-40 animate-pulse bg-slate-100" />
          ) : data.services.length === 0 ? (
            <EmptyState title="No usage this month">
              This customer reported no usage in the month yet.
            </EmptyState>
          ) : (
            <Table caption="Cost per service">
              <thead>
                <tr>
                  <Th>Service</Th>
                  <Th numeric>Billed quantity</Th>
                  <Th>Billed day</Th>
                  <Th numeric>Cost to date</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.services.map((s) => (
                  <tr key={s.sku}>
                    <Td className="font-medium text-slate-900">{s.name}</Td>
                    <Td numeric>
                      {formatNumber(s.billedQuantity, 4)} {s.unit}
                    </Td>
                    <Td>
                      {s.billedDay ? `${s.billedDay} (${s.aggregation === "peak" ? "peak" : "latest"})` : "—"}
                    </Td>
                    <Td numeric>{m(s.amount)}</Td>
                  </tr>
                ))}
                <tr className="font-semibold">
                  <Td>Total</Td>
                  <Td />
                  <Td />
                  <Td numeric>{m(data.total)}</Td>
                </tr>
              </tbody>
            </Table>
          )}
        </Card>
        <Card>
          <CardHeader title="Month by month" description="Invoiced amounts, and this month's estimate." />
          {!data ? (
            <div className="h-40 animate-pulse bg-slate-100" />
          ) : data.history.length === 0 ? (
            <EmptyState title="No history yet">Months appear here once they are invoiced.</EmptyState>
          ) : (
            <Table caption="Month by month">
              <thead>
                <tr>
                  <Th>Month</Th>
                  <Th>Source</Th>
                  <Th numeric>Amount</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {[...data.history].reverse().map((h) => (
                  <tr key={h.month}>
                    <Td>
                      <button
                        type="button"
                        className="text-brand hover:underline"
                        onClick={() => set({ month: h.month })}
                      >
                        {monthLabel(h.month)}
                      </button>
                    </Td>
                    <Td>{h.source === "invoice" ? "Invoice" : "Estimate"}</Td>
                    <Td numeric>{m(h.amount)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
      <PastInvoiceLines data={data} invoiceBase={invoiceBase} />
    </div>
  );
}

const SHOWN_INVOICES = 3;

/** This customer's lines on issued invoices, grouped per invoice, the latest first. */
function PastInvoiceLines({ data, invoiceBase }: { data: CustomerUsage | undefined; invoiceBase: string }) {
  const [all, setAll] = useState(false);
  const groups: {
    id: string;
    number: string | null;
    period: string;
    lines: CustomerUsage["invoiceLines"];
  }[] = [];
  for (const line of data?.invoiceLines ?? []) {
    const last = groups.at(-1);
    if (last?.id === line.invoiceId) last.lines.push(line);
    else groups.push({ id: line.invoiceId, number: line.invoiceNumber, period: line.period, lines: [line] });
  }
  const shown = all ? groups : groups.slice(0, SHOWN_INVOICES);
  return (
    <Card>
      <CardHeader
        title="On past invoices"
        description="This customer's lines on your issued invoices, the latest first."
        action={
          groups.length > SHOWN_INVOICES ? (
            <button
              type="button"
              className="shrink-0 text-sm font-medium text-brand hover:underline"
              aria-expanded={all}
              onClick={() => setAll(!all)}
            >
              {all ? "Show the latest" : `Show all ${groups.length} invoices`}
            </button>
          ) : undefined
        }
      />
      {!data ? (
        <div className="h-40 animate-pulse bg-slate-100" />
      ) : groups.length === 0 ? (
        <EmptyState title="Not invoiced yet">
          Lines appear after the first invoice that bills this customer.
        </EmptyState>
      ) : (
        <Table caption="Invoice lines of this customer">
          <thead>
            <tr>
              <Th>Service</Th>
              <Th numeric>Quantity</Th>
              <Th numeric>Unit price</Th>
              <Th numeric>Amount</Th>
            </tr>
          </thead>
          {shown.map((g) => (
            <tbody key={g.id} className="border-t border-slate-200">
              <tr>
                <th
                  scope="rowgroup"
                  colSpan={4}
                  className="bg-slate-50 px-4 py-2 text-left text-sm font-semibold"
                >
                  <Link href={`${invoiceBase}/${g.id}`} className="text-brand hover:underline">
                    {g.number ?? "Invoice"}
                  </Link>{" "}
                  <span className="font-normal text-slate-500">· {monthLabel(g.period)}</span>
                </th>
              </tr>
              {g.lines.map((l) => (
                <tr key={`${g.id}-${l.sku}`} className="border-t border-slate-100">
                  <Td>{l.description}</Td>
                  <Td numeric>
                    {formatNumber(l.quantity, 4)} {l.unit}
                  </Td>
                  <Td numeric>{formatUnitPrice(l.unitPrice, data.currency)}</Td>
                  <Td numeric>{formatMoney(l.amount, data.currency)}</Td>
                </tr>
              ))}
            </tbody>
          ))}
        </Table>
      )}
    </Card>
  );
}
