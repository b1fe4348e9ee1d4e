/**
 * VAT / tax id formats by country. EU numbers follow the VIES formats (country prefix included; Greece
 * uses EL); a few non-EU countries with well-known formats are checked too; elsewhere any 4–30 letters,
 * digits and separators are accepted. Only the format is checked here — not whether the number exists.
 */
import { countryName } from "./countries";

type Rule = { pattern: RegExp; example: string };

const RULES: Record<string, Rule> = {
  AT: { pattern: /^ATU\d{8}$/, example: "ATU12345678" },
  BE: { pattern: /^BE[01]\d{9}$/, example: "BE0123456789" },
  BG: { pattern: /^BG\d{9,10}$/, example: "BG123456789" },
  CY: { pattern: /^CY\d{8}[A-Z]$/, example: "CY12345678X" },
  CZ: { pattern: /^CZ\d{8,10}$/, example: "CZ12345678" },
  DE: { pattern: /^DE\d{9}$/, example: "DE123456789" },
  DK: { pattern: /^DK\d{8}$/, example: "DK12345678" },
  EE: { pattern: /^EE\d{9}$/, example: "EE123456789" },
  GR: { pattern: /^EL\d{9}$/, example: "EL123456789" },
  ES: { pattern: /^ES[A-Z0-9]\d{7}[A-Z0-9]$/, example: "ESX1234567X" },
  FI: { pattern: /^FI\d{8}$/, example: "FI12345678" },
  FR: { pattern: /^FR[A-HJ-NP-Z0-9]{2}\d{9}$/, example: "FR12345678901" },
  HR: { pattern: /^HR\d{11}$/, example: "HR12345678901" },
  HU: { pattern: /^HU\d{8}$/, example: "HU12345678" },
  IE: { pattern: /^IE(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/, example: "IE1234567T" },
  IT: { pattern: /^IT\d{11}$/, example: "IT12345678901" },
  LT: { pattern: /^LT(\d{9}|\d{12})$/, example: "LT123456789" },
  LU: { pattern: /^LU\d{8}$/, example: "LU12345678" },
  LV: { pattern: /^LV\d{11}$/, example: "LV12345678901" },
  MT: { pattern: /^MT\d{8}$/, example: "MT12345678" },
  NL: { pattern: /^NL\d{9}B\d{2}$/, example: "NL123456789B01" },
  PL: { pattern: /^PL\d{10}$/, example: "PL1234567890" },
  PT: { pattern: /^PT\d{9}$/, example: "PT123456789" },
  RO: { pattern: /^RO\d{2,10}$/, example: "RO1234567890" },
  SE: { pattern: /^SE\d{10}01$/, example: "SE123456789001" },
  SI: { pattern: /^SI\d{8}$/, example: "SI12345678" },
  SK: { pattern: /^SK\d{10}$/, example: "SK1234567890" },
  GB: { pattern: /^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/, example: "GB123456789" },
  CH: { pattern: /^CHE\d{9}(MWST|TVA|IVA)?$/, example: "CHE-123.456.789 MWST" },
  NO: { pattern: /^NO\d{9}(MVA)?$/, example: "NO123456789MVA" },
  AU: { pattern: /^\d{11}$/, example: "51824753556 (ABN)" },
};

const GENERIC = /^[A-Z0-9][A-Z0-9 ./-]{2,28}[A-Z0-9]$/;

/** Upper case without spaces, dots and dashes: the form VIES and the patterns above use. */
export function normalizeTaxId(value: string): string {
  return value.toUpperCase().replace(/[\s.-]/g, "");
}

/**
 * Null when `value` is a well-formed tax id for `country` (or empty: the tax id is optional), otherwise
 * the message to show beside the field.
 */
export function taxIdProblem(country: string, value: string): string | null {
  const raw = value.trim();
  if (raw === "") return null;
  const rule = RULES[country];
  if (!rule) return GENERIC.test(raw.toUpperCase()) ? null : "Use 4–30 letters and digits.";
  let normalized = normalizeTaxId(raw);
  // People often leave out the country prefix; accept it when the rest matches.
  if (!rule.pattern.test(normalized)) {
    const prefix = country === "GR" ? "EL" : country;
    if (!normalized.startsWith(prefix)) normalized = `${prefix}${normalized}`;
  }
  return rule.pattern.test(normalized)
    ? null
    : `This is not a valid VAT number for ${countryName(country)}. Use the format ${rule.example}.`;
}

/** The stored form: normalized for countries with a known format, trimmed otherwise. */
export function canonicalTaxId(country: string, value: string): string | null {
  const raw = value.trim();
  if (raw === "") return null;
  const rule = RULES[country];
  if (!rule) return raw.toUpperCase();
  const normalized = normalizeTaxId(raw);
  if (rule.pattern.test(normalized)) return normalized;
  const prefix = country === "GR" ? "EL" : country;
  return `${prefix}${normalized}`;
}
