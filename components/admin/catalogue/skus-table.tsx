import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { Sku } from "@/db/schema";
import { formatNumber } from "@/lib/format";

const yesNo = (v: boolean) => (v ? "yes" : "no");

/** Services (Acronis offering items) with how a month of usage becomes a billable quantity (domain.md §2.3). */
export function SkusTable({ skus, canEdit }: { skus: Sku[]; canEdit: boolean }) {
  return (
    <Table caption="Services">
      <thead>
        <tr>
          <Th>Service</Th>
          <Th>Acronis code</Th>
          <Th>Unit shown</Th>
          <Th>Acronis unit</Th>
          <Th>Aggregation</Th>
          <Th numeric>Divisor</Th>
          <Th>Main</Th>
          <Th>Storefront</Th>
          <Th>Enabled</Th>
          <Th numeric>Order</Th>
          {canEdit && (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {skus.map((k) => (
          <tr key={k.id}>
            <Td className="font-medium text-slate-900">{k.name}</Td>
            <Td className="font-mono text-xs">
              {k.code}
              {(k.acronisName || k.storageOwner) && (
                <p className="font-sans text-slate-500">
                  bills {k.acronisName ?? k.code}
                  {k.storageOwner
                    ? ` on ${k.storageOwner === "hyperscaler" ? "hyperscaler" : "Acronis-hosted"} storage`
                    : ""}
                </p>
              )}
            </Td>
            <Td>{k.unit}</Td>
            <Td>{k.acronisUnit}</Td>
            <Td>{k.aggregation}</Td>
            <Td numeric>{formatNumber(k.divisor, 4)}</Td>
            <Td>{yesNo(k.isMain)}</Td>
            <Td>{yesNo(k.storefront)}</Td>
            <Td>{k.active ? "yes" : <Badge tone="neutral">disabled</Badge>}</Td>
            <Td numeric>{k.sortOrder}</Td>
            {canEdit && (
              <Td>
                <Link
                  href={`/admin/catalogue/skus/${k.id}`}
                  className="text-brand hover:underline"
                  aria-label={`Edit ${k.name}`}
                >
                  Edit
                </Link>
              </Td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
