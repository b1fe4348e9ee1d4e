import Link from "next/link";
import { monthLabel } from "@/components/charts/format";
import { Table, Td, Th } from "@/components/ui/table";
import { formatMoney, formatNumber } from "@/lib/format";
import type { MarginColumn, MarginTable, MarginTableRow } from "@/lib/reports/margin-table";

const NUMERIC = new Set<MarginColumn["kind"]>(["count", "money", "base", "percent"]);

function display(column: MarginColumn, row: MarginTableRow, base: string): string {
  const value = row[column.key] ?? "";
  if (value === "") return column.kind === "base" || column.kind === "percent" ? "—" : "";
  switch (column.kind) {
    case "month":
      return monthLabel(value);
    case "count":
      return formatNumber(value, 0);
    case "money":
      return formatMoney(value, row.currency ?? base);
    case "base":
      return formatMoney(value, base);
    case "percent":
      return `${value}%`;
    default:
      return value;
  }
}

/** The margin report's table (the same rows the CSV holds), totals in its footer. */
export function MarginReportTable({
  table,
  baseCurrency,
  caption,
}: {
  table: MarginTable;
  baseCurrency: string;
  caption: string;
}) {
  const [first, ...rest] = table.columns;
  if (!first) return null;
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          {table.columns.map((c) => (
            <Th key={c.key} numeric={NUMERIC.has(c.kind)}>
              {c.label}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {table.rows.map((row) => (
          <tr key={`${row.month ?? row.service}:${row.resellerId ?? row.sku}:${row.currency}`}>
            {table.columns.map((c) => (
              <Td
                key={c.key}
                numeric={NUMERIC.has(c.kind)}
                className={
                  c.key === "margin" || c.key === "marginBase" ? "font-medium text-slate-900" : undefined
                }
              >
                {c.key === "reseller" && row.resellerId ? (
                  <Link href={`/admin/resellers/${row.resellerId}`} className="text-brand hover:underline">
                    {row.reseller}
                  </Link>
                ) : (
                  display(c, row, baseCurrency)
                )}
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot className="border-t-2 border-slate-200 bg-slate-50">
        {table.totals.map((row) => (
          <tr key={row[first.key]}>
            <th scope="row" className="px-4 py-2.5 text-left font-semibold whitespace-nowrap text-slate-900">
              {row[first.key]}
            </th>
            {rest.map((c) => (
              <Td key={c.key} numeric={NUMERIC.has(c.kind)} className="font-semibold text-slate-900">
                {c.kind === "month" ? "" : display(c, row, baseCurrency)}
              </Td>
            ))}
          </tr>
        ))}
      </tfoot>
    </Table>
  );
}
