import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dec, dec, format4, formatFixed, formatMoney, minorUnits, round4, roundMinor } from "./money";

describe("roundMinor", () => {
  it.each([
    ["1.005", "USD", "1.01"],
    ["1.004999", "USD", "1.00"],
    ["2.675", "EUR", "2.68"],
    ["-1.005", "USD", "-1.01"],
    ["-0.005", "USD", "-0.01"],
    ["-0.004", "USD", "0.00"],
    ["91.5", "USD", "91.50"],
    ["130.5", "JPY", "131"],
    ["-130.5", "JPY", "-131"],
    ["130.4999", "KRW", "130"],
    ["12.3455", "KWD", "12.346"],
    ["-12.3455", "BHD", "-12.346"],
    ["0.00005", "CLF", "0.0001"],
    ["96.7741935483870967741935", "USD", "96.77"],
  ])("%s %s → %s", (amount, currency, expected) => {
    expect(formatMoney(roundMinor(dec(amount), currency), currency)).toBe(expected);
  });
});

describe("round4 and formatting", () => {
  it.each([
    ["0.06825", "0.0683"],
    ["-0.06825", "-0.0683"],
    ["2.77777777", "2.7778"],
    ["528.87100982666015625", "528.8710"],
    ["3.8", "3.8000"],
    ["0.00004", "0.0000"],
    ["-0.00004", "0.0000"],
    ["123456789012345678901234.5", "123456789012345678901234.5000"],
    ["0.00000000000000000001", "0.0000"],
  ])("%s → %s", (value, expected) => {
    expect(format4(round4(dec(value)))).toBe(expected);
  });

  it("pads and never uses exponential notation", () => {
    expect(formatFixed(dec("1e21"), 2)).toBe("1000000000000000000000.00");
    // Beyond a double's 15–17 significant digits: exact, where a float would print ...680.00.
    expect(formatFixed(dec("123456789012345678.125"), 2)).toBe("123456789012345678.13");
    expect(formatFixed(dec("0.125"), 2)).toBe("0.13");
    expect(formatFixed(dec("1e-7"), 0)).toBe("0");
    expect(formatFixed(dec("-2.5"), 0)).toBe("-3");
  });

  it("knows ISO 4217 minor units", () => {
    expect([
      minorUnits("USD"),
      minorUnits("JPY"),
      minorUnits("KRW"),
      minorUnits("KWD"),
      minorUnits("SEK"),
    ]).toEqual([2, 0, 0, 3, 2]);
  });
});

describe("formatFixed", () => {
  // The straightforward formatting it replaced (round, then split and pad the digits), kept as the oracle.
  function reference(value: Dec, places: number): string {
    const rounded = value.toDecimalPlaces(places, Dec.ROUND_HALF_UP);
    const sign = rounded.isNegative() && !rounded.isZero() ? "-" : "";
    const [whole = "0", fraction = ""] = rounded.abs().toString().split(".");
    return places === 0 ? `${sign}${whole}` : `${sign}${whole}.${fraction.padEnd(places, "0")}`;
  }

  it("prints what rounding, splitting and padding print, for any sign, size and scale", () => {
    const decimal = fc
      .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 12 }))
      .map(([digits, scale]) => dec(digits.toString()).dividedBy(dec(10).pow(scale)));
    fc.assert(
      fc.property(decimal, fc.integer({ min: 0, max: 4 }), (value, places) => {
        expect(formatFixed(value, places)).toBe(reference(value, places));
      }),
      { numRuns: 2000 },
    );
    for (const text of ["-0", "0", "-0.004", "-0.005", "0.00005", "-0.00005", "1e21", "-1e-30"]) {
      for (const places of [0, 2, 3, 4])
        expect(formatFixed(dec(text), places)).toBe(reference(dec(text), places));
    }
  });
});
