import { describe, expect, it } from "vitest";
import { crossRate, crossRatesViaEur } from "./cross";
import type { EcbRate } from "./ecb";

const row = (line: number, date: string, rates: Record<string, string>): EcbRate[] =>
  Object.entries(rates).map(([currency, rate]) => ({ line, date, currency, rate }));

describe("crossRate", () => {
  it("divides exactly and rounds half-up to 10 decimals", () => {
    // 11.2010 ÷ 1.0543 = 10.62411078440671535616…
    expect(crossRate("11.2010", "1.0543")).toBe("10.6241107844");
    // Exactly half at the 11th decimal rounds up (half-even would give …450 and 0).
    expect(crossRate("1.2345678901", "2")).toBe("0.6172839451");
    expect(crossRate("0.0000000001", "2")).toBe("0.0000000001");
    expect(crossRate("162.12", "1.0543")).toBe("153.7702741155");
    expect(crossRate("1.0543", "1.0543")).toBe("1.0000000000");
  });
});

describe("crossRatesViaEur", () => {
  const file = [
    ...row(2, "2026-11-24", { USD: "1.0543", SEK: "11.2010", GBP: "0.83650" }),
    // EUR → USD is N/A on this date: no cross rate.
    ...row(3, "2026-11-23", { SEK: "11.4870", GBP: "0.83580" }),
    ...row(4, "2026-11-20", { USD: "1.0498", SEK: "11.4790" }),
  ];

  it("derives base → X for every date with an EUR → base rate, saying how", () => {
    const { rates, errors } = crossRatesViaEur(file, "USD");
    expect(errors).toEqual([]);
    expect(rates).toEqual([
      {
        line: 2,
        date: "2026-11-24",
        from: "USD",
        to: "SEK",
        rate: "10.6241107844",
        eurToFrom: "1.0543",
        eurToTo: "11.2010",
      },
      {
        line: 2,
        date: "2026-11-24",
        from: "USD",
        to: "GBP",
        rate: "0.7934174334",
        eurToFrom: "1.0543",
        eurToTo: "0.83650",
      },
      {
        line: 4,
        date: "2026-11-20",
        from: "USD",
        to: "SEK",
        rate: "10.9344637074",
        eurToFrom: "1.0498",
        eurToTo: "11.4790",
      },
    ]);
  });

  it("derives nothing when the base currency is EUR, or absent from the file", () => {
    expect(crossRatesViaEur(file, "EUR")).toEqual({ rates: [], errors: [] });
    expect(crossRatesViaEur(file, "CAD")).toEqual({ rates: [], errors: [] });
  });

  it("uses another base currency the same way (GBP → SEK)", () => {
    expect(crossRatesViaEur(file, "GBP").rates.map((r) => [r.date, r.from, r.to, r.rate])).toEqual([
      ["2026-11-24", "GBP", "USD", "1.2603705918"],
      ["2026-11-24", "GBP", "SEK", "13.3903167962"],
      ["2026-11-23", "GBP", "SEK", "13.7437185930"],
    ]);
  });

  it("refuses, on its line, a quotient the rate column cannot hold", () => {
    const { rates, errors } = crossRatesViaEur(
      row(7, "2026-11-24", { USD: "30000", XAU: "0.0000000001" }),
      "USD",
    );
    expect(rates).toEqual([]);
    expect(errors).toEqual([
      { line: 7, message: expect.stringMatching(/^USD → XAU via EUR .*does not fit/) },
    ]);
  });
});
