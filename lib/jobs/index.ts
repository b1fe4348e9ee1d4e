// Durable background jobs on pg-boss (its own `pgboss` schema in the app database).
export {
  type JobQueue,
  type JobQueueOptions,
  PROVISIONING_QUEUE,
  type QueueJob,
  type QueueName,
  type QueuePayloads,
  type SendOptions,
  startJobQueue,
  USAGE_SYNC_QUEUE,
  type WorkOptions,
} from "./queue";
