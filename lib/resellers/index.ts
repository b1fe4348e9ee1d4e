// Resellers in the back office (issue 13 item 5): edit, price adjustment, ramp-up override, create by hand.
export { type CreateContext, type CreatedReseller, createReseller, INVITATION_TTL_HOURS } from "./create";
export { describeAdjustment, headlineOfAdjustment, impactLines, periodName } from "./describe";
export { updateResellerDetails } from "./edit";
export { type NextInvoiceImpact, nextInvoiceImpact, nextInvoicePeriod } from "./next-invoice";
export { adjustmentOf, setPriceAdjustment } from "./price-adjustment";
export { overrideRampUpConfirmed } from "./ramp-up";
export {
  billingContactsSchema,
  type CreateResellerInput,
  createResellerSchema,
  type EditResellerInput,
  editResellerSchema,
  PRICE_ADJUSTMENT_KINDS,
  type PriceAdjustmentInput,
  priceAdjustmentInputSchema,
  type RampUpInput,
  rampUpInputSchema,
} from "./schema";
