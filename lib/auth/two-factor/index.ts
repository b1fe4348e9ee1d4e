import "server-only";

export {
  type AccountUser,
  beginEnrolment,
  cancelEnrolment,
  clearSecondFactor,
  confirmEnrolment,
  disableTwoFactor,
  type Enrolment,
  type Proof,
  regenerateRecoveryCodes,
  type TwoFactorStatus,
  twoFactorStatus,
} from "./enrolment";
export { type SecurityNotice, sendSecurityNotice } from "./notices";
export { isTwoFactorAvailable } from "./secret-store";
export {
  mustEnrolTwoFactor,
  setStaffTwoFactorRequirement,
  staffTwoFactorRequired,
  staffWithoutTwoFactor,
} from "./staff";
export { type SecondFactorResult, unusedRecoveryCodes, verifySecondFactor } from "./verify";

/** How long the second step of a sign-in stays open after the right password. */
export const TWO_FACTOR_TTL_MINUTES = 5;
