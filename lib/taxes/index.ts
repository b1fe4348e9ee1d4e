// Taxes (domain.md §2.4): the distributor's table of rates per country, a new reseller's rate from it,
// EU reverse charge, and a reseller's own rate changed with a reason.
export { EU_MEMBER_STATES, isEuMember } from "./eu";
export { REVERSE_CHARGE_NOTE } from "./note";
export {
  changeResellerTaxRate,
  type ResellerTax,
  type ResellerTaxChange,
  type ResellerTaxFacts,
  resellerTaxFacts,
  reverseChargeProblem,
} from "./reseller-rate";
export { decideTax, type TaxDecision, type TaxFacts, type TaxRule } from "./rules";
export {
  countrySchema,
  deleteTaxRateSchema,
  type ResellerTaxRateInput,
  ratePercentSchema,
  resellerTaxRateSchema,
  type TaxRateInput,
  taxRateSchema,
} from "./schema";
export { deleteTaxRate, listTaxTable, saveTaxRate, type TaxTableRow, type UntabledCountry } from "./table";
export { distributorCountry, taxForReseller } from "./tax-for-reseller";
export { hasValidEuVatId } from "./vat-id";
