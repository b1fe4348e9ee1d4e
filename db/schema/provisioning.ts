import { index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { contracts } from "./contracts";
import { jobStatus, provisioningKind } from "./enums";

/** One change pushed to Acronis for a contract (order, tier change, conversion, suspend…). */
export const provisioningJobs = pgTable(
  "provisioning_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    kind: provisioningKind("kind").notNull(),
    status: jobStatus("status").notNull().default("queued"),
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("provisioning_jobs_contract_idx").on(t.contractId),
    index("provisioning_jobs_status_idx").on(t.status),
    index("provisioning_jobs_created_idx").on(t.createdAt, t.id),
  ],
);

/** Each step of a job, recorded with its request outcome; a finished step is never repeated. */
export const provisioningSteps = pgTable(
  "provisioning_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => provisioningJobs.id, { onDelete: "cascade" }),
    step: text("step").notNull(),
    position: integer("position").notNull(),
    status: jobStatus("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    output: jsonb("output").$type<Record<string, unknown>>(),
    errorStatus: integer("error_status"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [unique("provisioning_steps_job_step_key").on(t.jobId, t.step)],
);

export type ProvisioningJob = typeof provisioningJobs.$inferSelect;
export type ProvisioningStep = typeof provisioningSteps.$inferSelect;
