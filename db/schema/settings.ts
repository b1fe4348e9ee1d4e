import { sql } from "drizzle-orm";
import { boolean, char, check, integer, jsonb, numeric, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { trialEndPolicy } from "./enums";

/** The distributor running this deployment: one row (id = 1). Everything branded comes from here. */
export const distributorSettings = pgTable(
  "distributor_settings",
  {
    id: integer("id").primaryKey().default(1),
    name: text("name").notNull(),
    legalName: text("legal_name").notNull(),
    tagline: text("tagline").notNull().default(""),
    logoUrl: text("logo_url"),
    faviconUrl: text("favicon_url"),
    primaryColor: char("primary_color", { length: 7 }).notNull().default("#1d4ed8"),
    accentColor: char("accent_color", { length: 7 }).notNull().default("#0f766e"),
    supportEmail: text("support_email").notNull(),
    hostName: text("host_name").notNull().default("localhost"),
    addressLines: text("address_lines").array().notNull().default([]),
    country: char("country", { length: 2 }).notNull().default("US"),
    taxId: text("tax_id"),
    termsVersion: text("terms_version").notNull().default("1"),
    termsText: text("terms_text").notNull().default(""),
    privacyText: text("privacy_text").notNull().default(""),
    baseCurrency: char("base_currency", { length: 3 }).notNull().default("USD"),
    distributorDiscountPercent: numeric("distributor_discount_percent", { precision: 7, scale: 4 })
      .notNull()
      .default("0"),
    trialDays: integer("trial_days").notNull().default(30),
    trialEndPolicy: trialEndPolicy("trial_end_policy").notNull().default("suspend"),
    trialGraceDays: integer("trial_grace_days").notNull().default(14),
    rampUpDefaultCycles: integer("ramp_up_default_cycles").notNull().default(0),
    rampUpMaxCycles: integer("ramp_up_max_cycles").notNull().default(1),
    requireAdminApproval: boolean("require_admin_approval").notNull().default(false),
    invoiceNumberPrefix: text("invoice_number_prefix").notNull().default("INV"),
    creditNoteNumberPrefix: text("credit_note_number_prefix").notNull().default("CN"),
    /** Offering items (Acronis names) enabled for every new reseller tenant. */
    offeringItems: jsonb("offering_items").$type<string[]>().notNull().default([]),
    acronisEdition: text("acronis_edition").notNull().default("pck_per_workload"),
    /** Days from issue to an invoice's due date. */
    paymentTermsDays: integer("payment_terms_days").notNull().default(30),
    /** Days after the due date on which an unpaid invoice's billing contacts get a reminder. */
    invoiceReminderDays: integer("invoice_reminder_days").array().notNull().default([7, 14]),
    usageSyncIntervalMinutes: integer("usage_sync_interval_minutes").notNull().default(60),
    /**
     * Reconciliation (/admin/reconciliation) flags a reseller's service when Tierline billed more or less than
     * Acronis reports by more than this percentage of Acronis's quantity (or by any amount when Acronis reports none).
     */
    reconciliationTolerancePercent: numeric("reconciliation_tolerance_percent", { precision: 7, scale: 4 })
      .notNull()
      .default("0.5"),
    /** Distributor staff must enrol a second factor (TOTP) before they reach the back office. */
    requireStaffTwoFactor: boolean("require_staff_two_factor").notNull().default(false),
    /** Seeded with the demo data (known passwords): such a database starts only with TIERLINE_DEMO=1. */
    isDemo: boolean("is_demo").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("distributor_settings_payment_terms", sql`${t.paymentTermsDays} between 0 and 365`),
    check(
      "distributor_settings_reconciliation_tolerance",
      sql`${t.reconciliationTolerancePercent} >= 0 and ${t.reconciliationTolerancePercent} <= 100`,
    ),
    check(
      "distributor_settings_reminder_days",
      sql`0 < all(${t.invoiceReminderDays}) and 366 > all(${t.invoiceReminderDays})`,
    ),
    check(
      "distributor_settings_discount_range",
      sql`${t.distributorDiscountPercent} >= 0 and ${t.distributorDiscountPercent} < 100`,
    ),
  ],
);

export type DistributorSettings = typeof distributorSettings.$inferSelect;
