import { describe, expect, it } from "vitest";
import { dec } from "@/lib/billing/money";
import { customerFilterOptions, splitTopCustomers, TOP_CUSTOMERS } from "./top-customers";
import type { CustomerAmount } from "./types";

// 60 customers ranked largest first, with cents that must add up exactly.
const ranked: CustomerAmount[] = Array.from({ length: 60 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  name: `Customer ${String(60 - i).padStart(2, "0")}`,
  amount: (1000 - i * 10 + 0.01).toFixed(2),
  services: 1 + (i % 3),
}));
const sum = (values: string[]) => values.reduce((a, v) => a.plus(v), dec(0)).toFixed(2);

describe("splitTopCustomers", () => {
  it("lists the top customers and sums the others, so the table still adds up", () => {
    const { top, others } = splitTopCustomers(ranked, "EUR");
    expect(top).toEqual(ranked.slice(0, TOP_CUSTOMERS));
    expect(others).toEqual({ count: 35, amount: sum(ranked.slice(TOP_CUSTOMERS).map((c) => c.amount)) });
    expect(sum([...top.map((c) => c.amount), others!.amount])).toBe(sum(ranked.map((c) => c.amount)));
  });

  it("has no others row when every customer fits, and writes the currency's minor units", () => {
    expect(splitTopCustomers(ranked.slice(0, TOP_CUSTOMERS), "EUR")).toEqual({
      top: ranked.slice(0, TOP_CUSTOMERS),
      others: null,
    });
    const yen = [
      { id: "a", name: "A", amount: "500", services: 1 },
      { id: "b", name: "B", amount: "200", services: 1 },
      { id: "c", name: "C", amount: "100", services: 1 },
    ];
    expect(splitTopCustomers(yen, "JPY", 1).others).toEqual({ count: 2, amount: "300" });
  });
});

describe("customerFilterOptions", () => {
  it("offers the customers costing the most, by name, and the chosen one wherever it ranks", () => {
    const options = customerFilterOptions(ranked, null, 5);
    expect(options.map((o) => o.name)).toEqual([
      "Customer 56",
      "Customer 57",
      "Customer 58",
      "Customer 59",
      "Customer 60",
    ]);
    const chosen = ranked[40]!;
    const withChosen = customerFilterOptions(ranked, chosen, 5);
    expect(withChosen).toHaveLength(6);
    expect(withChosen[0]).toEqual({ id: chosen.id, name: chosen.name });
    expect(customerFilterOptions(ranked, ranked[0]!, 5)).toHaveLength(5);
    expect(customerFilterOptions([], chosen)).toEqual([{ id: chosen.id, name: chosen.name }]);
  });
});
