import { describe, expect, it } from "vitest";
import { canonicalTaxId, taxIdProblem } from "./tax-id";

describe("tax ids", () => {
  it("accepts well-formed EU VAT numbers, with or without the country prefix and separators", () => {
    expect(taxIdProblem("DE", "DE123456789")).toBeNull();
    expect(taxIdProblem("DE", "123 456 789")).toBeNull();
    expect(taxIdProblem("NL", "nl123456789b01")).toBeNull();
    expect(taxIdProblem("GR", "EL123456789")).toBeNull();
    expect(taxIdProblem("AT", "ATU12345678")).toBeNull();
    expect(taxIdProblem("CH", "CHE-123.456.789 MWST")).toBeNull();
    expect(canonicalTaxId("DE", "123 456 789")).toBe("DE123456789");
    expect(canonicalTaxId("GR", "123456789")).toBe("EL123456789");
  });

  it("refuses a malformed number with the country's format as the example", () => {
    expect(taxIdProblem("DE", "DE12")).toBe(
      "This is not a valid VAT number for Germany. Use the format DE123456789.",
    );
    expect(taxIdProblem("FR", "FR1234")).toMatch(/France/);
    expect(taxIdProblem("SE", "SE1234567890")).toMatch(/SE123456789001/);
  });

  it("is optional, and free-form (but sane) where no format is known", () => {
    expect(taxIdProblem("DE", "  ")).toBeNull();
    expect(canonicalTaxId("DE", "")).toBeNull();
    expect(taxIdProblem("US", "12-3456789")).toBeNull();
    expect(taxIdProblem("US", "!")).toMatch(/4–30/);
  });
});
