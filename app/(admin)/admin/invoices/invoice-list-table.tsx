import Link from "next/link";
import { SortHeader } from "@/components/lists/sort-header";
import { StateBadge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { listInvoicePage } from "@/lib/admin/invoice-list";
import { formatDate, formatMoney } from "@/lib/format";
import type { ListLinks } from "@/lib/lists/url";

type Row = Awaited<ReturnType<typeof listInvoicePage>>["rows"][number];

/** The back office's invoices: the columns of the shared invoice table, with sortable headers. */
export function InvoiceListTable({ rows, links }: { rows: Row[]; links: ListLinks }) {
  return (
    <Table caption="Invoices">
      <thead>
        <tr>
          <SortHeader links={links} sort="number">
            Invoice
          </SortHeader>
          <Th>Reseller</Th>
          <SortHeader links={links} sort="period">
            Period
          </SortHeader>
          <Th>Tier</Th>
          <Th>Status</Th>
          <SortHeader links={links} sort="total" numeric>
            Total
          </SortHeader>
          <SortHeader links={links} sort="issued">
            Dated
          </SortHeader>
          <Th>
            <span className="sr-only">Downloads</span>
          </Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.id}>
            <Td>
              <Link href={`/admin/invoices/${r.id}`} className="font-medium text-brand hover:underline">
                {r.number ?? "Draft"}
              </Link>
            </Td>
            <Td>{r.reseller}</Td>
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
