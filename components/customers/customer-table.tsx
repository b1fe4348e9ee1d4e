import Link from "next/link";
import type { ReactNode } from "react";
import type { ListFilterField } from "@/components/lists/list-filter-bar";
import { SortHeader } from "@/components/lists/sort-header";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { CustomerListRow } from "@/lib/customers/customer-list";
import { formatDate } from "@/lib/format";
import type { ListLinks } from "@/lib/lists/url";

/** Whether this month's usage is billed, as every customer view says it. */
export function CustomerBillingBadge({
  row,
}: {
  row: Pick<CustomerListRow, "billed" | "pricingMode" | "productionStartDate">;
}) {
  return (
    <>
      {row.billed ? (
        <Badge tone="green">{row.pricingMode === "suspended" ? "suspended — billed" : "production"}</Badge>
      ) : (
        <Badge tone="blue">Trial — not billed</Badge>
      )}
      {!row.billed && row.productionStartDate && (
        <p className="mt-0.5 text-xs text-slate-500">production from {formatDate(row.productionStartDate)}</p>
      )}
    </>
  );
}

/**
 * A reseller's customers: name (linked to its usage page) with its folder or sub-partner, Acronis tenant,
 * billing this month, status, since when it is known and its last usage day. With `links`, the name,
 * folder and since headers sort the list.
 */
export function CustomerTable({
  rows,
  customerHref,
  links,
}: {
  rows: CustomerListRow[];
  customerHref: (id: string) => string;
  links?: ListLinks;
}) {
  const header = (sort: string, label: ReactNode) =>
    links ? (
      <SortHeader links={links} sort={sort}>
        {label}
      </SortHeader>
    ) : (
      <Th>{label}</Th>
    );
  return (
    <Table caption="Customers">
      <thead>
        <tr>
          {header("name", "Customer")}
          {header("folder", "Folder")}
          <Th>Acronis tenant</Th>
          <Th>Billing</Th>
          <Th>Status</Th>
          {header("since", "Since")}
          <Th>Last usage</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((c) => (
          <tr key={c.id}>
            <Td className="min-w-[10rem] whitespace-normal! font-medium text-slate-900">
              <Link href={customerHref(c.id)} className="text-brand hover:underline">
                {c.name}
              </Link>
            </Td>
            <Td className="text-slate-500">{c.path ? `in ${c.path}` : "—"}</Td>
            <Td className="font-mono text-xs">{c.acronisTenantId}</Td>
            <Td>
              <CustomerBillingBadge row={c} />
            </Td>
            <Td>{c.enabled ? <Badge tone="green">enabled</Badge> : <Badge>disabled</Badge>}</Td>
            <Td>{formatDate(c.firstSeenAt)}</Td>
            <Td>{formatDate(c.lastUsageDay)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** The customer lists' search and filters (portal and back office alike). */
export const customerSearch = {
  label: "Search customers",
  hint: "Name, folder or Acronis tenant id.",
};

export const customerFilterFields: ListFilterField[] = [
  {
    kind: "select",
    name: "billing",
    label: "Billing",
    options: [
      { value: "billed", label: "Billed this month" },
      { value: "trial", label: "Trial — not billed" },
    ],
  },
  {
    kind: "select",
    name: "status",
    label: "Status",
    options: [
      { value: "enabled", label: "Enabled" },
      { value: "disabled", label: "Disabled" },
    ],
  },
  {
    kind: "text",
    name: "folder",
    label: "Folder or sub-partner",
    hint: "Its path starts with this, e.g. Hospitals.",
  },
];
