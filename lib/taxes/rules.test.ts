import { describe, expect, it } from "vitest";
import { EU_MEMBER_STATES, isEuMember } from "./eu";
import { decideTax } from "./rules";
import { hasValidEuVatId } from "./vat-id";

const table: Record<string, string> = { DE: "19", NL: "21", FR: "20", GB: "20", US: "0" };
const rateOf = (c: string) => table[c];

describe("EU member states", () => {
  it("lists the 27, without the United Kingdom", () => {
    expect(EU_MEMBER_STATES.size).toBe(27);
    expect(isEuMember("de")).toBe(true);
    expect(isEuMember("GB")).toBe(false);
    expect(isEuMember("CH")).toBe(false);
  });
});

describe("EU VAT id format", () => {
  it.each([
    ["DE", "DE123456789"],
    ["DE", "123 456 789"],
    ["FR", "FRXX123456789"],
    ["FR", "FR 12 345678901"],
    ["NL", "NL123456789B01"],
    ["AT", "ATU12345678"],
    ["GR", "EL123456789"],
    ["ES", "ESX1234567X"],
    ["IE", "IE1234567T"],
    ["SE", "SE123456789001"],
    ["BE", "BE0123456789"],
  ])("%s %s is valid", (country, id) => {
    expect(hasValidEuVatId(country, id)).toBe(true);
  });

  it.each([
    ["DE", "DE12345678"], // 8 digits
    ["DE", "DE1234567890"], // 10 digits
    ["NL", "NL123456789"], // no B + 2 digits
    ["FR", "FR123456789"], // key missing
    ["AT", "AT12345678"], // no U
    ["DE", ""],
    ["DE", null],
    ["GB", "GB123456789"], // valid format, but not an EU member state
    ["US", "12-3456789"],
  ])("%s %s is not an EU VAT id of valid format", (country, id) => {
    expect(hasValidEuVatId(country, id)).toBe(false);
  });
});

describe("tax of a new reseller (domain.md §2.4)", () => {
  it("a US distributor: a German reseller pays the table's 19 %, no reverse charge", () => {
    const tax = decideTax({ distributorCountry: "US", country: "DE", taxId: "DE123456789", rateOf });
    expect(tax).toMatchObject({ ratePercent: "19", reverseCharge: false, rule: "table" });
  });

  it("a domestic reseller pays the distributor's country's rate", () => {
    const tax = decideTax({ distributorCountry: "NL", country: "NL", taxId: "NL123456789B01", rateOf });
    expect(tax).toMatchObject({ ratePercent: "21", reverseCharge: false, rule: "domestic" });
  });

  it("an EU distributor: a reseller in another member state with a valid VAT id is reverse-charged at 0 %", () => {
    const tax = decideTax({ distributorCountry: "NL", country: "DE", taxId: "DE123456789", rateOf });
    expect(tax).toMatchObject({ ratePercent: "0", reverseCharge: true, rule: "reverse_charge" });
    expect(tax.reason).toMatch(/reverse charge/i);
  });

  it("… without a VAT id of valid format, it pays its country's rate", () => {
    expect(decideTax({ distributorCountry: "NL", country: "DE", taxId: "DE12", rateOf })).toMatchObject({
      ratePercent: "19",
      reverseCharge: false,
    });
    expect(decideTax({ distributorCountry: "NL", country: "DE", taxId: null, rateOf }).ratePercent).toBe(
      "19",
    );
  });

  it("outside the EU the table's rate applies, and a country not in the table is 0 %", () => {
    expect(
      decideTax({ distributorCountry: "NL", country: "GB", taxId: "GB123456789", rateOf }),
    ).toMatchObject({
      ratePercent: "20",
      reverseCharge: false,
    });
    const unknown = decideTax({ distributorCountry: "US", country: "JP", taxId: null, rateOf });
    expect(unknown).toMatchObject({ ratePercent: "0", reverseCharge: false, rule: "not_in_table" });
    expect(unknown.reason).toContain("Japan");
  });
});
