import { countryName } from "@/lib/signup/countries";
import { isEuMember } from "./eu";
import { hasValidEuVatId } from "./vat-id";

export type TaxRule = "domestic" | "reverse_charge" | "table" | "not_in_table";

export type TaxDecision = {
  /** A decimal string, as stored (numeric(7,4)). */
  ratePercent: string;
  reverseCharge: boolean;
  rule: TaxRule;
  /** Why, in a sentence an admin reads in the audit log. */
  reason: string;
};

export type TaxFacts = {
  distributorCountry: string;
  country: string;
  taxId: string | null | undefined;
  /** The table's rate (decimal string) for a country, or undefined when the country has no row. */
  rateOf: (country: string) => string | undefined;
};

/**
 * A new reseller's tax (domain.md §2.4), in this order: a domestic reseller pays the distributor's own
 * country's rate; a reseller in another EU member state than an EU distributor, with a VAT id of valid
 * format, is reverse-charged at 0 %; anyone else pays the table's rate for its country, 0 % when the
 * country has no row.
 */
export function decideTax(facts: TaxFacts): TaxDecision {
  const country = facts.country.toUpperCase();
  const home = facts.distributorCountry.toUpperCase();
  const name = countryName(country);
  if (country === home) {
    const rate = facts.rateOf(home);
    return {
      ratePercent: rate ?? "0",
      reverseCharge: false,
      rule: "domestic",
      reason:
        rate === undefined
          ? `Domestic reseller (${name}); ${name} is not in the tax table, so 0 %.`
          : `Domestic reseller: the rate of ${name}, the distributor's country.`,
    };
  }
  if (isEuMember(home) && isEuMember(country) && hasValidEuVatId(country, facts.taxId)) {
    return {
      ratePercent: "0",
      reverseCharge: true,
      rule: "reverse_charge",
      reason: `EU reverse charge: ${name} is another EU member state than ${countryName(home)} and the VAT id has a valid format.`,
    };
  }
  const rate = facts.rateOf(country);
  if (rate === undefined) {
    return {
      ratePercent: "0",
      reverseCharge: false,
      rule: "not_in_table",
      reason: `${name} is not in the tax table, so 0 %.`,
    };
  }
  return {
    ratePercent: rate,
    reverseCharge: false,
    rule: "table",
    reason: `The tax table's rate for ${name}.`,
  };
}
