import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, periodEnd, periodStart } from "./dates";
import { dec, minorUnits, sum } from "./money";
import { ratePeriod } from "./rate-period";
import { TEST_PRICES, TEST_SKUS, testInput } from "./test-support";
import type { RatedPeriod, RatingInput, RatingResult } from "./types";

const RUNS = { numRuns: 200 };
const CURRENCIES = ["USD", "EUR", "JPY", "SEK", "KWD"] as const;

/** A non-negative decimal string with `places` decimals below `max` (whole units). */
const decimalString = (max: number, places: number) =>
  fc.integer({ min: 0, max: max * 10 ** places }).map((n) =>
    dec(n)
      .dividedBy(10 ** places)
      .toString(),
  );

// A JPY list for two of the three SKUs, so JPY invoices mix own prices and base prices × FX.
const JPY_PRICES = TEST_PRICES.filter(
  (price) => price.currency === "USD" && price.sku !== "pw_base_storage",
).map((price) => ({ ...price, currency: "JPY", unitPrice: dec(price.unitPrice).times(150).toString() }));

const usageRow = (period: string) =>
  fc.record({
    customer: fc.constantFrom("Acme", "Borealis", "Zeta"),
    sku: fc.constantFrom(...TEST_SKUS.map((sku) => sku.code)),
    date: fc.integer({ min: -3, max: 33 }).map((offset) => addDays(periodStart(period), offset)),
    value: fc
      .oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 400_000_000_000 }))
      .map(String),
  });

const ratingInput: fc.Arbitrary<RatingInput> = fc
  .record({
    year: fc.integer({ min: 2023, max: 2027 }),
    month: fc.integer({ min: 1, max: 12 }),
    currency: fc.constantFrom(...CURRENCIES),
    paidOffset: fc.integer({ min: -400, max: 33 }),
    endOffset: fc.option(fc.integer({ min: 1, max: 45 }), { freq: 3 }),
    rampUpCycles: fc.integer({ min: 0, max: 3 }),
    tiers: fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.constantFrom("T0", "T1", "T2")), {
      minLength: 1,
      maxLength: 3,
    }),
    discount: decimalString(60, 2),
    adjustment: fc.option(
      fc.record({
        kind: fc.constantFrom("sell_discount" as const, "cost_markup" as const, "cost_margin" as const),
        percent: decimalString(60, 1),
      }),
    ),
    rate: decimalString(200, 4).filter((rate) => !dec(rate).isZero()),
    tax: decimalString(30, 2),
  })
  .chain((draw) => {
    const period = `${draw.year}-${String(draw.month).padStart(2, "0")}`;
    const paidStart = addDays(periodStart(period), draw.paidOffset);
    return fc.array(usageRow(period), { maxLength: 25 }).map(
      (usage): RatingInput =>
        testInput({
          period,
          currency: draw.currency,
          contract: {
            paidStart,
            endDate: draw.endOffset === null ? null : addDays(periodStart(period), draw.endOffset),
            rampUpCycles: draw.rampUpCycles,
            tiers: draw.tiers.map(([offset, tier], index) => ({
              from: addDays(paidStart, index && offset),
              tier,
            })),
          },
          prices: [...TEST_PRICES, ...JPY_PRICES],
          distributorDiscountPercent: draw.discount,
          resellerAdjustment: draw.adjustment,
          fxRates: CURRENCIES.filter((c) => c !== "USD").map((to) => ({
            from: "USD",
            to,
            rate: draw.rate,
            date: "2020-01-01",
          })),
          taxRatePercent: draw.tax,
          usage,
        }),
    );
  });

const billable = (result: RatingResult): result is RatedPeriod => result.billable;

describe("rating invariants", () => {
  it("total = sum of lines + tax, subtotal = consumption + top-up, top-up ≥ 0", () => {
    fc.assert(
      fc.property(ratingInput, (input) => {
        const result = ratePeriod(input);
        if (!billable(result)) return;
        const lines = sum(result.lines.map((line) => dec(line.amount)));
        const usage = sum(
          result.lines.filter((line) => line.type === "usage").map((line) => dec(line.amount)),
        );
        expect(lines.plus(result.tax).equals(result.total)).toBe(true);
        expect(usage.equals(result.consumption)).toBe(true);
        expect(dec(result.consumption).plus(result.topUp).equals(result.subtotal)).toBe(true);
        expect(dec(result.topUp).greaterThanOrEqualTo(0)).toBe(true);
      }),
      RUNS,
    );
  });

  it("never bills below the commitment unless it is waived", () => {
    fc.assert(
      fc.property(ratingInput, (input) => {
        const result = ratePeriod(input);
        if (!billable(result) || result.rampUpWaived) return;
        expect(dec(result.subtotal).greaterThanOrEqualTo(result.commitment)).toBe(true);
      }),
      RUNS,
    );
  });

  it("bills nothing when the period has no paid day", () => {
    const outside = ratingInput.map((input) => {
      const afterPeriod = { ...input.contract, paidStart: periodEnd(input.period), endDate: null };
      const endedBefore = { ...input.contract, endDate: periodStart(input.period) };
      return [
        input,
        input.contract.paidStart < periodStart(input.period) ? endedBefore : afterPeriod,
      ] as const;
    });
    fc.assert(
      fc.property(outside, ([input, contract]) => {
        expect(ratePeriod({ ...input, contract })).toEqual({ billable: false, period: input.period });
      }),
      RUNS,
    );
  });

  it("writes every amount with the currency's minor units (JPY none)", () => {
    fc.assert(
      fc.property(ratingInput, (input) => {
        const result = ratePeriod(input);
        if (!billable(result)) return;
        const places = minorUnits(input.currency);
        const pattern = places === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${places}}$`);
        const amounts = [result.consumption, result.commitment, result.subtotal, result.tax, result.total];
        for (const amount of [...amounts, ...result.lines.map((line) => line.amount)]) {
          expect(amount).toMatch(pattern);
        }
      }),
      RUNS,
    );
  });

  it("does not depend on the order of the usage rows", () => {
    const shuffled = ratingInput.chain((input) =>
      fc
        .shuffledSubarray(input.usage, { minLength: input.usage.length, maxLength: input.usage.length })
        .map((usage) => [input, usage] as const),
    );
    fc.assert(
      fc.property(shuffled, ([input, usage]) => {
        expect(ratePeriod({ ...input, usage })).toEqual(ratePeriod(input));
      }),
      RUNS,
    );
  });

  it("a month-to-date estimate as of the last day equals the closed period", () => {
    fc.assert(
      fc.property(ratingInput, (input) => {
        const asOf = addDays(periodEnd(input.period), -1);
        const closed = ratePeriod(input);
        expect(ratePeriod(input, { asOf })).toEqual(closed.billable ? { ...closed, asOf } : closed);
      }),
      RUNS,
    );
  });
});
