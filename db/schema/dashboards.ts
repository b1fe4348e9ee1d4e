import { sql } from "drizzle-orm";
import {
  boolean,
  char,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { contracts } from "./contracts";
import { alertKind } from "./enums";
import { emailOutbox } from "./ops";
import { resellers } from "./resellers";

const money = (name: string) => numeric(name, { precision: 20, scale: 4 });

/**
 * A reseller's month as the rating engine sees it after the latest sync: month to date and projected to
 * the month's end (lib/dashboard/projection.ts). Derived data, rewritten after every usage sync, read by the
 * back office's overview and by the alerts, so neither re-rates a thousand contracts per request.
 */
export const usageProjections = pgTable(
  "usage_projections",
  {
    contractId: uuid("contract_id")
      .primaryKey()
      .references(() => contracts.id, { onDelete: "cascade" }),
    resellerId: uuid("reseller_id")
      .notNull()
      .references(() => resellers.id, { onDelete: "cascade" }),
    /** The month projected (YYYY-MM) and the last day of usage counted. */
    period: char("period", { length: 7 }).notNull(),
    asOf: date("as_of").notNull(),
    currency: char("currency", { length: 3 }).notNull(),
    tierCode: text("tier_code").notNull(),
    /** A trial contract is rated as if paid on its tier: what converting it would cost. */
    trial: boolean("trial").notNull().default(false),
    consumption: money("consumption").notNull(),
    commitment: money("commitment").notNull(),
    rampUpWaived: boolean("ramp_up_waived").notNull(),
    topUp: money("top_up").notNull(),
    projectedConsumption: money("projected_consumption").notNull(),
    projectedTopUp: money("projected_top_up").notNull(),
    projectedTotal: money("projected_total").notNull(),
    customers: integer("customers").notNull().default(0),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("usage_projections_period_idx").on(t.period),
    index("usage_projections_reseller_idx").on(t.resellerId),
    check("usage_projections_period_check", sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check(
      "usage_projections_amounts_check",
      sql`${t.consumption} >= 0 and ${t.commitment} >= 0 and ${t.topUp} >= 0 and ${t.projectedConsumption} >= 0 and ${t.projectedTopUp} >= 0 and ${t.projectedTotal} >= 0`,
    ),
  ],
);

/**
 * A reseller's notification rule (one per kind): `usage_share` mails when month-to-date consumption reaches
 * `threshold_percent` of the commitment; `topup_projected` when a top-up is projected, from `from_day` of
 * the month; `cheaper_tier` when another orderable tier would have cost less last month.
 */
export const alertRules = pgTable(
  "alert_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    resellerId: uuid("reseller_id")
      .notNull()
      .references(() => resellers.id, { onDelete: "cascade" }),
    kind: alertKind("kind").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    thresholdPercent: integer("threshold_percent"),
    fromDay: integer("from_day"),
    /** Where the email goes; null: the reseller's billing email. */
    email: text("email"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("alert_rules_reseller_kind_key").on(t.resellerId, t.kind),
    check(
      "alert_rules_threshold_check",
      sql`(${t.kind} = 'usage_share') = (${t.thresholdPercent} is not null) and (${t.thresholdPercent} is null or ${t.thresholdPercent} between 1 and 1000)`,
    ),
    check(
      "alert_rules_from_day_check",
      sql`(${t.kind} = 'topup_projected') = (${t.fromDay} is not null) and (${t.fromDay} is null or ${t.fromDay} between 1 and 28)`,
    ),
  ],
);

/** One alert sent: the primary key makes "at most once a month per rule" a fact of the database. */
export const alertDeliveries = pgTable(
  "alert_deliveries",
  {
    ruleId: uuid("rule_id")
      .notNull()
      .references(() => alertRules.id, { onDelete: "cascade" }),
    period: char("period", { length: 7 }).notNull(),
    emailId: uuid("email_id")
      .notNull()
      .references(() => emailOutbox.id, { onDelete: "restrict" }),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.ruleId, t.period] }),
    check("alert_deliveries_period_check", sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

export type AlertRule = typeof alertRules.$inferSelect;
export type UsageProjection = typeof usageProjections.$inferSelect;
