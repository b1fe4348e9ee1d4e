// Durable background jobs on pg-boss (its own `pgboss` schema in the app database).
export {
  BILLING_RUN_QUEUE,
  EMAIL_DELIVERY_QUEUE,
  HOURLY_SLOT,
  INVOICE_REMINDERS_QUEUE,
  type JobQueue,
  type JobQueueOptions,
  type JobState,
  LIFECYCLE_TICK_QUEUE,
  MINUTE_SLOT,
  PROVISIONING_QUEUE,
  PROVISIONING_SWEEP,
  type QueueJob,
  type QueueName,
  type QueuePayloads,
  RATE_LIMIT_CLEANUP_QUEUE,
  type SendOptions,
  startJobQueue,
  USAGE_SYNC_QUEUE,
  USAGE_SYNC_SLOT_QUEUE,
  type WorkOptions,
} from "./queue";
export { sharedJobQueue } from "./shared";
