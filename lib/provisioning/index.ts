// Pushes contract changes to Acronis (domain.md §6): durable, step-recorded, resumable jobs.

export { contractCallbacks, contractRetry } from "./contract-hooks";
export {
  describeError,
  type FailedInfo,
  type ProcessOptions,
  type ProvisionedInfo,
  type ProvisioningCallbacks,
  type ProvisioningOutcome,
  processProvisioningJob,
  type StepError,
} from "./process";
export { adminLoginFor, PARTNER_ADMIN_ROLE, PermanentStepError, STEP_PLANS } from "./steps";
export {
  enqueuePendingProvisioningJobs,
  type ProvisioningWorker,
  type ProvisioningWorkerOptions,
  type RetryOptions,
  retryProvisioningJob,
  startProvisioningWorker,
} from "./worker";
