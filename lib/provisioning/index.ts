// Pushes contract changes to Acronis (domain.md §6): durable, step-recorded, resumable jobs.

export { listenForQueuedJobs, notifyJobQueued, PROVISIONING_CHANNEL } from "./notify";
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
  PROVISIONING_SWEEP_CRON,
  type ProvisioningWorker,
  type ProvisioningWorkerOptions,
  type RetryOptions,
  retryProvisioningJob,
  startProvisioningWorker,
} from "./worker";
