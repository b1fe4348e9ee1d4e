import Link from "next/link";
import { StateBadge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate, formatMoney } from "@/lib/format";

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

/** Invoices as a table; `hrefBase` picks the back office or the portal detail page. */
export function InvoiceTable({
  rows,
  hrefBase,
  showReseller,
}: {
  rows: InvoiceRow[];
  hrefBase: string;
  showReseller?: boolean;
}) {
  return (
    <Table caption="Invoices">
      <thead>
        <tr>
          <Th>Invoice</Th>
          {showReseller && <Th>Reseller</Th>}
          <Th>Period</Th>
          <Th>Tier</Th>
          <Th>Status</Th>
          <Th numeric>Total</Th>
          <Th>Dated</Th>
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
