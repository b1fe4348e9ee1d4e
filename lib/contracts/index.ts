// The contract lifecycle of domain.md §3: one transaction per transition, guards in transitions.ts.
export { type BillingTerms, getBillingTerms } from "./billing-terms";
export { acronisProductionSwitchDate, firstOfNextMonth, formatDay, trialEndFor } from "./calendar";
export { type CancelInput, cancelContract, cancelImmediately, withdrawCancellation } from "./cancel";
export { type OrderInput, orderContract } from "./order";
export {
  markProvisioned,
  markProvisioningFailed,
  type ProvisioningFailure,
  retryProvisioning,
} from "./provisioning";
export { contractCallbacks, contractRetry } from "./provisioning-hooks";
export { overrideRampUp, type RampUpOverride } from "./ramp-up";
export { type AdminReasonInput, resumeContract, suspendContract } from "./suspend";
export { runLifecycleTick, type TickSummary } from "./tick";
export type { TickFailure } from "./tick-steps";
export {
  changeTier,
  scheduleDowngrade,
  type TierChange,
  type TierChangeInput,
  upgradeTier,
  withdrawDowngrade,
} from "./tier-change";
export { PROMO_CODE, type TierOption, type TierTargets } from "./tier-targets";
export {
  assertTransition,
  type ContractState,
  canTransition,
  liveStates,
  type TransitionName,
  transitions,
} from "./transitions";
export { type ConvertInput, cancelScheduledConversion, convertTrial } from "./trial";
export type { Acting, ContractPendingChange, ContractRef, JobKind } from "./types";
export { type ContractView, getContractView, listAllowedTierChanges, type RampUpStatus } from "./view";
