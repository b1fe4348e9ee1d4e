import { daysBetween } from "@/lib/billing/dates";

export type PaymentStatus =
  | { kind: "paid" }
  | { kind: "void" }
  | { kind: "due"; dueDate: string | null }
  | { kind: "overdue"; days: number; dueDate: string };

/**
 * What a reseller needs to know of an invoice on `today`: paid, void, due (on its due date, or on receipt
 * for an invoice issued before due dates existed), or overdue by n days (the day after the due date is 1).
 */
export function paymentStatus(
  invoice: { status: string; dueDate: string | null },
  today: string,
): PaymentStatus {
  if (invoice.status === "paid") return { kind: "paid" };
  if (invoice.status === "void") return { kind: "void" };
  if (invoice.dueDate && today > invoice.dueDate) {
    return { kind: "overdue", days: daysBetween(invoice.dueDate, today), dueDate: invoice.dueDate };
  }
  return { kind: "due", dueDate: invoice.dueDate };
}
