import { describe, expect, it } from "vitest";
import { paymentStatus } from "./payment-status";

describe("an invoice's payment status in the portal", () => {
  it.each([
    [{ status: "paid", dueDate: "2026-11-01" }, "2026-12-01", { kind: "paid" }],
    [{ status: "void", dueDate: "2026-11-01" }, "2026-12-01", { kind: "void" }],
    [{ status: "issued", dueDate: "2026-12-24" }, "2026-11-24", { kind: "due", dueDate: "2026-12-24" }],
    [{ status: "issued", dueDate: "2026-12-24" }, "2026-12-24", { kind: "due", dueDate: "2026-12-24" }],
    [
      { status: "issued", dueDate: "2026-12-24" },
      "2026-12-25",
      { kind: "overdue", days: 1, dueDate: "2026-12-24" },
    ],
    [
      { status: "issued", dueDate: "2026-12-24" },
      "2027-01-31",
      { kind: "overdue", days: 38, dueDate: "2026-12-24" },
    ],
    [{ status: "issued", dueDate: null }, "2027-01-31", { kind: "due", dueDate: null }],
  ])("%o on %s", (invoice, today, expected) => {
    expect(paymentStatus(invoice, today)).toEqual(expected);
  });
});
