import { singleLine } from "@/lib/validation/text";

/**
 * Why an invoice is credited or voided: printed on the credit note. The back office's forms and /api/v1
 * check it with this one schema.
 */
export const creditReasonSchema = singleLine({
  min: 3,
  minMessage: "Say why (it is printed on the credit note).",
  max: 500,
  requiredMessage: "Say why (it is printed on the credit note).",
});
