import { describe, expect, it } from "vitest";
import { BillingError } from "./errors";
import { dec, format4 } from "./money";
import { adjustSellPrice, indexPrices, priceUnit } from "./pricing";
import type { PriceAdjustment } from "./types";

describe("adjustSellPrice", () => {
  it.each<[string, PriceAdjustment | null, string]>([
    ["plain sell price", null, "3.8"],
    ["sell_discount 10%", { kind: "sell_discount", percent: "10" }, "3.42"],
    ["cost_markup 15% on cost at 25% off", { kind: "cost_markup", percent: "15" }, "3.2775"],
    ["cost_margin 20% on cost at 25% off", { kind: "cost_margin", percent: "20" }, "3.5625"],
  ])("%s", (_label, adjustment, expected) => {
    expect(adjustSellPrice(dec("3.8"), "25", adjustment).toString()).toBe(expected);
  });

  it("refuses a cost margin of 100% or more", () => {
    const adjustment: PriceAdjustment = { kind: "cost_margin", percent: "100" };
    expect(() => adjustSellPrice(dec("1"), "0", adjustment)).toThrow(BillingError);
  });
});

describe("priceUnit", () => {
  const book = indexPrices([
    { sku: "ws", tier: "T1", currency: "USD", unitPrice: "3.8000" },
    { sku: "ws", tier: "T1", currency: "EUR", unitPrice: "3.4960" },
  ]);
  const context = {
    book,
    tier: "T1",
    invoiceCurrency: "SEK",
    baseCurrency: "USD",
    distributorDiscountPercent: "20",
    adjustment: { kind: "cost_margin", percent: "30" } as PriceAdjustment,
    fxRates: [{ from: "USD", to: "SEK", rate: "10.4567", date: "2024-06-30" }],
    invoiceDate: "2024-07-01",
  };

  it("applies the adjustment and FX exactly, then rounds once", () => {
    // 3.8 × 0.8 ÷ 0.7 × 10.4567 = 45.411954… (rounding 4.3429 first would give 45.4124)
    const unit = priceUnit(context, "ws");
    expect([format4(unit.unitPrice), format4(unit.unitCost), unit.priceCurrency]).toEqual([
      "45.4120",
      "31.7884",
      "USD",
    ]);
  });

  it("uses the invoice currency's own price list when it has one", () => {
    const unit = priceUnit({ ...context, invoiceCurrency: "EUR", adjustment: null }, "ws");
    expect([format4(unit.unitPrice), unit.priceCurrency, unit.fx.record]).toEqual(["3.4960", "EUR", null]);
  });

  it("fails clearly on a missing price", () => {
    expect(() => priceUnit(context, "storage")).toThrow("No sell price for storage on tier T1 in SEK or USD");
  });
});
