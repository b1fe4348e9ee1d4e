/**
 * The 27 EU member states (ISO 3166-1 alpha-2; Greece is GR here, its VAT ids start with EL) as of 2026,
 * after the United Kingdom left on 2020-01-31. Reverse charge (domain.md §2.4) applies between two of them.
 * Data in code: membership changes by treaty, rarely; update this list when it does.
 */
export const EU_MEMBER_STATES: ReadonlySet<string> = new Set([
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
]);

export function isEuMember(country: string): boolean {
  return EU_MEMBER_STATES.has(country.toUpperCase());
}
