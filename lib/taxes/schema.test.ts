import { describe, expect, it } from "vitest";
import { ratePercentSchema, resellerTaxRateSchema, taxRateSchema } from "./schema";

describe("tax rate input", () => {
  it.each([
    ["19", "19"],
    ["25.5", "25.5"],
    ["19,50", "19.5"],
    ["7.6543", "7.6543"],
    ["0", "0"],
    ["100", "100"],
    ["20 %", "20"],
  ])("reads %s as %s", (typed, value) => {
    expect(ratePercentSchema.parse(typed)).toBe(value);
  });

  it.each(["", "-1", "100.01", "19.12345", "abc", "1e2"])("refuses %j", (typed) => {
    expect(ratePercentSchema.safeParse(typed).success).toBe(false);
  });

  it("a table row needs a known country", () => {
    expect(taxRateSchema.parse({ country: "de", ratePercent: "19", label: "VAT" })).toMatchObject({
      country: "DE",
      mode: "create",
    });
    expect(taxRateSchema.safeParse({ country: "XX", ratePercent: "19" }).success).toBe(false);
  });

  it("a reseller's rate change needs a reason", () => {
    const base = { resellerId: "0190a0b0-0000-7000-8000-000000000000", ratePercent: "0" };
    expect(resellerTaxRateSchema.safeParse({ ...base, reason: "" }).success).toBe(false);
    expect(
      resellerTaxRateSchema.parse({ ...base, reverseCharge: "on", reason: "VIES checked" }),
    ).toMatchObject({
      reverseCharge: true,
    });
  });
});
