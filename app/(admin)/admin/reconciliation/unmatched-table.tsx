import { Table, Td, Th } from "@/components/ui/table";
import { formatNumber } from "@/lib/format";
import { UNMATCHED_LABELS } from "@/lib/reconciliation/csv";
import type { UnmatchedRow } from "@/lib/reconciliation/queries";

/** Acronis rows no invoice line can match, in Acronis's own units (bytes, seconds, items). */
export function UnmatchedTable({ rows }: { rows: UnmatchedRow[] }) {
  return (
    <Table caption="Acronis usage Tierline does not bill">
      <thead>
        <tr>
          <Th>Tenant</Th>
          <Th>Offering item</Th>
          <Th numeric>Peak (Acronis units)</Th>
          <Th>Why</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={`${r.acronisTenantId}|${r.acronisName}|${r.infraId ?? ""}`}>
            <Td className="max-w-[14rem] truncate">
              <span className="text-slate-900" title={r.acronisTenantId}>
                {r.customerName ?? r.acronisTenantId}
              </span>
              {r.resellerName && <span className="block text-xs text-slate-500">{r.resellerName}</span>}
            </Td>
            <Td>
              {r.acronisName}
              {r.infraId && (
                <span className="block text-xs text-slate-500" title={r.infraId}>
                  storage {r.infraId.slice(0, 8)}
                </span>
              )}
            </Td>
            <Td numeric>
              {formatNumber(r.peak, 4)}
              <span className="block text-xs text-slate-500">
                {r.days === 1 ? "1 day" : `${r.days} days`}
              </span>
            </Td>
            <Td className="max-w-[18rem] whitespace-normal">
              {UNMATCHED_LABELS[r.reason]}
              {r.note && <span className="block text-xs text-slate-500">{r.note}</span>}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
