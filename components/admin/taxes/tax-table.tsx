import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import type { FormAction } from "@/lib/actions/safe-action";
import { formatNumber } from "@/lib/format";
import { isEuMember } from "@/lib/taxes/eu";
import type { TaxTableRow } from "@/lib/taxes/table";
import { DeleteTaxRate } from "./delete-tax-rate";

/** The distributor's tax table with how many resellers each row concerns. Edit controls only for finance:write. */
export function TaxTable({
  rows,
  home,
  canEdit,
  deleteAction,
}: {
  rows: TaxTableRow[];
  home: string;
  canEdit: boolean;
  deleteAction: FormAction<unknown>;
}) {
  if (rows.length === 0) {
    return (
      <EmptyState title="No tax rates yet">
        Every new reseller is taxed 0 % until its country is in the table
        {canEdit ? ": add one below." : "."}
      </EmptyState>
    );
  }
  return (
    <Table caption="Tax rates by country">
      <thead>
        <tr>
          <Th>Country</Th>
          <Th>Code</Th>
          <Th numeric>Rate</Th>
          <Th>Label</Th>
          <Th numeric>Resellers</Th>
          <Th numeric>Paying another rate</Th>
          {canEdit && (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.country}>
            <Td className="font-medium text-slate-900">
              <span className="flex items-center gap-2">
                {r.countryName}
                {r.country === home && <Badge tone="blue">your country</Badge>}
                {r.country !== home && isEuMember(r.country) && <Badge>EU</Badge>}
              </span>
            </Td>
            <Td className="font-mono text-xs">{r.country}</Td>
            <Td numeric>{formatNumber(r.ratePercent, 4)} %</Td>
            <Td className="text-slate-600">{r.label || "—"}</Td>
            <Td numeric>{r.resellers}</Td>
            <Td numeric>
              {r.differentRate}
              {r.reverseCharge > 0 && (
                <span className="block text-xs text-slate-500">+ {r.reverseCharge} reverse charge</span>
              )}
            </Td>
            {canEdit && (
              <Td>
                <span className="flex items-center justify-end gap-1">
                  <Link
                    href={`/admin/taxes?edit=${r.country}`}
                    className={buttonClass("ghost", "px-2 py-1")}
                    aria-label={`Edit ${r.countryName}`}
                  >
                    Edit
                  </Link>
                  <DeleteTaxRate country={r.country} countryName={r.countryName} action={deleteAction} />
                </span>
              </Td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
