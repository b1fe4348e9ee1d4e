import { describe, expect, it } from "vitest";
import { BillingError } from "./errors";
import { type FxRate, findFxRate } from "./fx";

const rate = (from: string, to: string, value: string, date: string): FxRate => ({
  from,
  to,
  rate: value,
  date,
});

describe("findFxRate", () => {
  const rates = [
    rate("USD", "EUR", "0.9100", "2024-03-01"),
    rate("USD", "EUR", "0.9210", "2024-03-29"),
    rate("USD", "EUR", "0.9300", "2024-04-02"),
    rate("GBP", "USD", "1.25", "2024-03-15"),
    rate("USD", "CHF", "0.88", "2024-03-01"),
    rate("CHF", "USD", "1.1", "2024-03-30"),
    rate("USD", "JPY", "150", "2024-04-01"),
    rate("USD", "JPY", "151", "2024-04-01"),
  ];

  it.each([
    ["latest on or before the invoice date", "USD", "EUR", "2024-03-30", "0.9210", "2024-03-29", false],
    ["a rate dated on the invoice date counts", "USD", "EUR", "2024-03-29", "0.9210", "2024-03-29", false],
    ["rates after the invoice date are ignored", "USD", "EUR", "2024-03-02", "0.9100", "2024-03-01", false],
    ["only the opposite pair stored: 1 ÷ rate", "USD", "GBP", "2024-04-01", "1.25", "2024-03-15", true],
    ["a later inverse rate beats an older direct one", "USD", "CHF", "2024-04-01", "1.1", "2024-03-30", true],
    ["and a later direct rate an older inverse one", "CHF", "USD", "2024-04-01", "1.1", "2024-03-30", false],
    ["two rates on one day: the one listed last", "USD", "JPY", "2024-04-01", "151", "2024-04-01", false],
  ])("%s", (_label, from, to, invoiceDate, expectedRate, expectedDate, isInverse) => {
    const conversion = findFxRate(rates, from, to, invoiceDate);
    expect(conversion.record).toMatchObject({ rate: expectedRate, date: expectedDate });
    expect(conversion.isInverse).toBe(isInverse);
  });

  it("uses 1 ÷ rate, exactly, for an inverse rate", () => {
    const conversion = findFxRate(rates, "USD", "GBP", "2024-04-01");
    expect(conversion.multiplier.toString()).toBe("0.8");
  });

  it("prefers a direct rate to an inverse one of the same date", () => {
    const sameDay = [rate("EUR", "USD", "1.1", "2024-03-30"), rate("USD", "EUR", "0.92", "2024-03-30")];
    expect(findFxRate(sameDay, "USD", "EUR", "2024-04-01")).toMatchObject({ isInverse: false });
    expect(findFxRate(sameDay.slice(0, 1), "USD", "EUR", "2024-04-01")).toMatchObject({ isInverse: true });
  });

  it("needs no rate within one currency", () => {
    expect(findFxRate([], "EUR", "EUR", "2024-04-01")).toMatchObject({ record: null });
    expect(findFxRate([], "EUR", "EUR", "2024-04-01").multiplier.toString()).toBe("1");
  });

  it("fails clearly when no rate is dated early enough", () => {
    expect(() => findFxRate(rates, "USD", "SEK", "2024-04-01")).toThrow(BillingError);
    expect(() => findFxRate(rates, "USD", "EUR", "2024-02-01")).toThrow(
      "No FX rate USD→EUR (or EUR→USD) dated on or before 2024-02-01",
    );
  });
});
