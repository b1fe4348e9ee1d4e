// Storefront sign-up (issue 5): the order kept until the email is verified, then the contract starts.
export { COUNTRY_CODES, countryName, listCountries } from "./countries";
export { getSignupOptions, type SignupOptions } from "./options";
export { acronisLoginSchema, type SignupInput, signupSchema } from "./schema";
export {
  isLoginAvailable,
  type LoginChecker,
  resendVerification,
  type SignupContext,
  type SignupResult,
  submitSignup,
  VERIFY_TTL_HOURS,
} from "./signup";
export { approveSignup, rejectSignup, type VerifyResult, verifySignup } from "./start";
export { getSetupStatus, type SetupStatus, type SetupStepView, STEP_LABELS } from "./status";
export { canonicalTaxId, normalizeTaxId, taxIdProblem } from "./tax-id";
