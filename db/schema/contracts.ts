import { sql } from "drizzle-orm";
import {
  boolean,
  char,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { tiers } from "./catalogue";
import { contractState, pendingChangeStatus, tierChangeKind } from "./enums";
import { resellers } from "./resellers";

export const contracts = pgTable(
  "contracts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    resellerId: uuid("reseller_id")
      .notNull()
      .references(() => resellers.id, { onDelete: "restrict" }),
    state: contractState("state").notNull().default("pending"),
    /** The state to enter once provisioning succeeds (trial or active). */
    targetState: contractState("target_state").notNull().default("active"),
    currency: char("currency", { length: 3 }).notNull(),
    tierId: uuid("tier_id")
      .notNull()
      .references(() => tiers.id),
    isTrial: boolean("is_trial").notNull().default(false),
    trialStartedOn: date("trial_started_on"),
    trialEndsOn: date("trial_ends_on"),
    /** Conversion scheduled for a date (the 1st of next month); null when none. */
    conversionScheduledOn: date("conversion_scheduled_on"),
    paidStart: date("paid_start"),
    rampUpCycles: integer("ramp_up_cycles").notNull().default(0),
    rampUpOverrideReason: text("ramp_up_override_reason"),
    /** Exclusive end date: the cancellation's effective date. */
    endDate: date("end_date"),
    cancelRequestedAt: timestamp("cancel_requested_at", { withTimezone: true }),
    suspendedAt: timestamp("suspended_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    // At most one live contract per reseller.
    uniqueIndex("contracts_one_live_per_reseller").on(t.resellerId).where(sql`${t.state} <> 'cancelled'`),
    index("contracts_state_idx").on(t.state),
    // Every contract of a reseller (cancelled ones too) and /admin/contracts' default sort.
    index("contracts_reseller_idx").on(t.resellerId),
    index("contracts_created_idx").on(t.createdAt, t.id),
  ],
);

/** The tier in force from each date; the billing engine reads this to find the tier of a period. */
export const contractTierHistory = pgTable(
  "contract_tier_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    tierId: uuid("tier_id")
      .notNull()
      .references(() => tiers.id),
    effectiveFrom: date("effective_from").notNull(),
    kind: tierChangeKind("kind").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("contract_tier_history_contract_idx").on(t.contractId, t.effectiveFrom)],
);

/** A downgrade waiting for the 1st of next month; at most one pending per contract. */
export const contractPendingChanges = pgTable(
  "contract_pending_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    toTierId: uuid("to_tier_id")
      .notNull()
      .references(() => tiers.id),
    effectiveOn: date("effective_on").notNull(),
    status: pendingChangeStatus("status").notNull().default("pending"),
    requestedBy: uuid("requested_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("contract_pending_changes_one_pending").on(t.contractId).where(sql`${t.status} = 'pending'`),
  ],
);

/** Every state transition, with who and why. */
export const contractEvents = pgTable(
  "contract_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    fromState: contractState("from_state"),
    toState: contractState("to_state").notNull(),
    event: text("event").notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    reason: text("reason"),
    data: jsonb("data").$type<Record<string, unknown>>(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("contract_events_contract_idx").on(t.contractId, t.at)],
);

export type Contract = typeof contracts.$inferSelect;
export type NewContract = typeof contracts.$inferInsert;
