import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEcbCsv, parseEcbDate } from "./ecb";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

describe("parseEcbCsv", () => {
  it("reads the single-day file (spaces after commas, '27 November 2026' dates, trailing column)", () => {
    const file = parseEcbCsv(fixture("eurofxref.csv"));
    expect(file.errors).toEqual([]);
    expect(file.currencies).toHaveLength(30);
    expect(file.rates.find((r) => r.currency === "USD")).toEqual({
      line: 2,
      date: "2026-11-24",
      currency: "USD",
      rate: "1.0543",
    });
    expect(file.rates.find((r) => r.currency === "GBP")?.rate).toBe("0.83650");
  });

  it("reads the history file, one row per day, skipping N/A", () => {
    const file = parseEcbCsv(fixture("eurofxref-hist.csv"));
    expect(file.errors).toEqual([]);
    expect(new Set(file.rates.map((r) => r.date))).toEqual(
      new Set(["2026-11-23", "2026-11-20", "2026-11-19"]),
    );
    expect(file.rates.some((r) => r.currency === "CYP")).toBe(false);
    expect(file.rates.filter((r) => r.currency === "SEK").map((r) => [r.line, r.rate])).toEqual([
      [2, "11.4870"],
      [3, "11.4790"],
      [4, "11.4810"],
    ]);
  });

  it("reports each bad line by its number", () => {
    const file = parseEcbCsv(
      "Date, USD, GBP, \n2026-11-23, 1.05, 0.83, \n2026-11-31, 1.05, 0.83, \n2026-11-20, abc, 0, \n2026-11-23, 1, 1, \n",
    );
    expect(file.errors).toEqual([
      { line: 3, message: expect.stringContaining('"2026-11-31" is not a date') },
      { line: 4, message: expect.stringContaining('USD: "abc" is not a rate') },
      { line: 4, message: expect.stringContaining('GBP: "0" is not a rate') },
      { line: 5, message: "2026-11-23 is already on line 2." },
    ]);
  });

  it("refuses a file that is not the ECB's", () => {
    expect(parseEcbCsv("").errors[0]).toMatchObject({ line: 1 });
    expect(parseEcbCsv("Day, USD\n2026-11-23, 1").errors[0]?.message).toMatch(/first column must be "Date"/);
    expect(parseEcbCsv("Date, Dollar\n2026-11-23, 1").errors[0]?.message).toMatch(/not a currency code/);
  });

  it.each([
    ["2026-11-27", "2026-11-27"],
    ["27 November 2026", "2026-11-27"],
    ["2 january 2027", "2027-01-02"],
    ["30 February 2026", null],
    ["2026-13-01", null],
    ["Nov 27 2026", null],
  ])("parseEcbDate(%s) = %s", (text, iso) => {
    expect(parseEcbDate(text)).toBe(iso);
  });
});
