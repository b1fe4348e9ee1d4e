import { boolean, char, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { contracts } from "./contracts";
import { resellers } from "./resellers";

/**
 * A storefront sign-up: what the reseller ordered, kept until the email is verified (and, when the
 * distributor requires it, an admin approved) and the contract is started. `requestKey` comes from the
 * form, so a double submit finds the first sign-up instead of creating a second reseller.
 */
export const signups = pgTable("signups", {
  resellerId: uuid("reseller_id")
    .primaryKey()
    .references(() => resellers.id, { onDelete: "cascade" }),
  requestKey: text("request_key").notNull().unique(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  tierCode: text("tier_code").notNull(),
  trial: boolean("trial").notNull(),
  rampUpCycles: integer("ramp_up_cycles").notNull().default(0),
  currency: char("currency", { length: 3 }).notNull(),
  verifiedAt: timestamp("verified_at", { withTimezone: true }),
  approvedAt: timestamp("approved_at", { withTimezone: true }),
  approvedBy: uuid("approved_by").references(() => users.id, { onDelete: "set null" }),
  rejectedAt: timestamp("rejected_at", { withTimezone: true }),
  rejectionReason: text("rejection_reason"),
  startedAt: timestamp("started_at", { withTimezone: true }),
  contractId: uuid("contract_id").references(() => contracts.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Signup = typeof signups.$inferSelect;
