import { dec, formatMoney } from "@/lib/billing";

/** A usage line as shown to a reseller: never the distributor's cost. */
export type ShownLine = {
  id?: string;
  skuCode: string;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  amount: string;
};

export type CustomerGroup = {
  customerId: string | null;
  customerName: string;
  lines: ShownLine[];
  subtotal: string;
};

type GroupableLine = {
  id?: string;
  type: string;
  customerId: string | null;
  customerName: string | null;
  skuCode: string | null;
  description: string;
  quantity: string | null;
  unit: string | null;
  unitPrice: string | null;
  amount: string;
};

/** Usage lines grouped by customer (in their stored order) with a subtotal each. */
export function groupLinesByCustomer(lines: readonly GroupableLine[], currency: string): CustomerGroup[] {
  const groups: CustomerGroup[] = [];
  const sums: ReturnType<typeof dec>[] = [];
  let current: CustomerGroup | null = null;
  for (const line of lines) {
    if (line.type !== "usage") continue;
    if (!current || current.customerId !== line.customerId) {
      current = {
        customerId: line.customerId,
        customerName: line.customerName ?? "",
        lines: [],
        subtotal: "0",
      };
      groups.push(current);
      sums.push(dec(0));
    }
    current.lines.push({
      ...(line.id ? { id: line.id } : {}),
      skuCode: line.skuCode ?? "",
      description: line.description,
      quantity: line.quantity ?? "0",
      unit: line.unit ?? "",
      unitPrice: line.unitPrice ?? "0",
      amount: line.amount,
    });
    const index = groups.length - 1;
    sums[index] = (sums[index] ?? dec(0)).plus(line.amount);
  }
  groups.forEach((group, index) => {
    group.subtotal = formatMoney(sums[index] ?? dec(0), currency);
  });
  return groups;
}
