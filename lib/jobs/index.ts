// Durable background jobs on pg-boss (its own `pgboss` schema in the app database).
export {
  BILLING_RUN_QUEUE,
  type JobQueue,
  type JobQueueOptions,
  type JobState,
  PROVISIONING_QUEUE,
  type QueueJob,
  type QueueName,
  type QueuePayloads,
  type SendOptions,
  startJobQueue,
  USAGE_SYNC_QUEUE,
  type WorkOptions,
} from "./queue";
export { sharedJobQueue } from "./shared";
