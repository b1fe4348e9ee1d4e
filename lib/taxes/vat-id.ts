import { taxIdProblem } from "@/lib/signup/tax-id";
import { isEuMember } from "./eu";

/**
 * Whether `taxId` is an EU VAT id of valid format for `country` (an EU member state): the per-country
 * pattern table of lib/signup/tax-id.ts (the VIES formats: DE + 9 digits, FR + 2 characters + 9 digits,
 * NL + 9 digits + B + 2 digits, …), with or without the country prefix and separators. Only the format:
 * whether the number exists is VIES's to say, and nothing here calls it.
 */
export function hasValidEuVatId(country: string, taxId: string | null | undefined): boolean {
  const value = taxId?.trim() ?? "";
  if (value === "" || !isEuMember(country)) return false;
  return taxIdProblem(country.toUpperCase(), value) === null;
}
