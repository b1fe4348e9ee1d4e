/**
 * Why a period cannot be rated. The engine throws these instead of guessing, because a silently wrong
 * invoice is worse than a visible failure; callers (billing run, CLI) turn them into messages.
 */
export type BillingErrorCode =
  | "invalid_date"
  | "invalid_input"
  | "no_tier_in_force"
  | "unknown_tier"
  | "unknown_sku"
  | "missing_price"
  | "duplicate_price"
  | "missing_commitment"
  | "missing_fx_rate";

export class BillingError extends Error {
  readonly code: BillingErrorCode;

  constructor(code: BillingErrorCode, message: string) {
    super(message);
    this.name = "BillingError";
    this.code = code;
  }
}
