// The billing engine's public surface: pure rating of one contract for one period (domain.md §5).
export { type CaseLine, type CaseOutput, toCaseOutput } from "./case-output";
export { commitmentFor, isRampUpCycle, tierInForce } from "./commitment";
export {
  addDays,
  cycleNumber,
  daysBetween,
  daysInMonth,
  earlierDate,
  type IsoDate,
  isIsoDate,
  isPeriod,
  laterDate,
  periodDays,
  periodEnd,
  periodStart,
} from "./dates";
export { BillingError, type BillingErrorCode } from "./errors";
export { type FxConversion, type FxRate, findFxRate } from "./fx";
export { Dec, dec, format4, formatFixed, formatMoney, minorUnits, round4, roundMinor } from "./money";
export { adjustSellPrice, distributorCost, indexPrices, priceUnit } from "./pricing";
export { aggregateUsage, type BilledQuantity, compareLines, lineSortKey } from "./quantities";
export { activeWindow, ratePeriod } from "./rate-period";
export {
  billingCaseFileSchema,
  type CommitmentTopUpLine,
  type CommitmentWaivedLine,
  type ContractTerms,
  type InvoiceLine,
  type NotBillable,
  type PriceAdjustment,
  type PriceEntry,
  type RatedPeriod,
  type RatingInput,
  type RatingOptions,
  type RatingResult,
  ratingInputSchema,
  type SkuDefinition,
  type TierDefinition,
  type UsageLine,
  type UsageRow,
} from "./types";
