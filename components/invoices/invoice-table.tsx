import Link from "next/link";
import type { ReactNode } from "react";
import { SortHeader } from "@/components/lists/sort-header";
import { StateBadge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate, formatMoney } from "@/lib/format";
import type { ListLinks } from "@/lib/lists/url";

export type InvoiceRow = {
  id: string;
  number: string | null;
  status: string;
  period: string;
  currency: string;
  total: string;
  tierName: string;
  invoiceDate: string;
  reseller?: string;
};

/**
 * Invoices as a table; `hrefBase` picks the back office or the portal detail page. Given a list's `links`
 * (lib/admin/invoice-list.ts), the invoice, period, total and date headers sort the list.
 */
export function InvoiceTable({
  rows,
  hrefBase,
  showReseller,
  links,
}: {
  rows: InvoiceRow[];
  hrefBase: string;
  showReseller?: boolean;
  links?: ListLinks;
}) {
  const header = (sort: string, label: string, numeric?: boolean): ReactNode =>
    links ? (
      <SortHeader links={links} sort={sort} numeric={numeric}>
        {label}
      </SortHeader>
    ) : (
      <Th numeric={numeric}>{label}</Th>
    );
  return (
    <Table caption="Invoices">
      <thead>
        <tr>
          {header("number", "Invoice")}
          {showReseller && <Th>Reseller</Th>}
          {header("period", "Period")}
          <Th>Tier</Th>
          <Th>Status</Th>
          {header("total", "Total", true)}
          {header("issued", "Dated")}
          <Th>
            <span className="sr-only">Downloads</span>
          </Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.id}>
            <Td>
              <Link href={`${hrefBase}/${r.id}`} className="font-medium text-brand hover:underline">
                {r.number ?? "Draft"}
              </Link>
            </Td>
            {showReseller && <Td>{r.reseller}</Td>}
            <Td>{r.period}</Td>
            <Td>{r.tierName}</Td>
            <Td>
              <StateBadge state={r.status} />
            </Td>
            <Td numeric>{formatMoney(r.total, r.currency)}</Td>
            <Td>{formatDate(r.invoiceDate)}</Td>
            <Td className="space-x-3 text-xs">
              <a href={`/api/invoices/${r.id}/pdf`} className="font-medium text-brand hover:underline">
                PDF
              </a>
              <a href={`/api/invoices/${r.id}/csv`} className="font-medium text-brand hover:underline">
                CSV
              </a>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
