import { sql } from "drizzle-orm";
import {
  boolean,
  char,
  check,
  index,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { acronisDatacenters, ENV_DATACENTER_ID } from "./acronis";
import { priceAdjustmentKind, resellerStatus } from "./enums";

export const resellers = pgTable(
  "resellers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    legalName: text("legal_name").notNull(),
    addressLine1: text("address_line1").notNull(),
    addressLine2: text("address_line2"),
    city: text("city").notNull(),
    postalCode: text("postal_code").notNull(),
    region: text("region"),
    country: char("country", { length: 2 }).notNull(),
    taxId: text("tax_id"),
    taxRatePercent: numeric("tax_rate_percent", { precision: 7, scale: 4 }).notNull().default("0"),
    /** EU reverse charge (domain.md §2.4): taxed 0 %, the invoice prints the reverse-charge note. */
    reverseCharge: boolean("reverse_charge").notNull().default(false),
    currency: char("currency", { length: 3 }).notNull(),
    billingEmail: text("billing_email").notNull(),
    /** Further addresses that receive invoices and reminders, besides `billingEmail`. */
    billingContacts: text("billing_contacts").array().notNull().default([]),
    priceAdjustmentKind: priceAdjustmentKind("price_adjustment_kind"),
    priceAdjustmentPercent: numeric("price_adjustment_percent", { precision: 7, scale: 4 }),
    status: resellerStatus("status").notNull().default("pending_verification"),
    /** Stable tag stored on the Acronis tenant so provisioning retries find it instead of creating twice. */
    internalTag: text("internal_tag").notNull().unique(),
    acronisTenantId: uuid("acronis_tenant_id").unique(),
    /** The Acronis datacenter the partner tenant lives in: every job, sync and report for it goes there. */
    datacenterId: uuid("datacenter_id")
      .notNull()
      .default(ENV_DATACENTER_ID)
      .references(() => acronisDatacenters.id, { onDelete: "restrict" }),
    acronisAdminLogin: text("acronis_admin_login"),
    acronisAdminUserId: uuid("acronis_admin_user_id"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The back office's list sorts (lib/admin/reseller-list.ts): keyset pages over (value, id).
    index("resellers_name_idx").on(t.name, t.id),
    index("resellers_created_idx").on(t.createdAt, t.id),
    index("resellers_country_idx").on(t.country, t.id),
    // Text search of the back office's lists and global search (ILIKE '%…%' served by trigram indexes).
    index("resellers_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
    index("resellers_legal_name_trgm_idx").using("gin", t.legalName.op("gin_trgm_ops")),
    index("resellers_tax_id_trgm_idx").using("gin", t.taxId.op("gin_trgm_ops")),
    index("resellers_acronis_login_trgm_idx").using("gin", t.acronisAdminLogin.op("gin_trgm_ops")),
    index("resellers_billing_email_trgm_idx").using("gin", t.billingEmail.op("gin_trgm_ops")),
    check("resellers_tax_rate_range", sql`${t.taxRatePercent} >= 0 and ${t.taxRatePercent} <= 100`),
    check("resellers_reverse_charge_zero", sql`not ${t.reverseCharge} or ${t.taxRatePercent} = 0`),
    check(
      "resellers_price_adjustment_pair",
      sql`(${t.priceAdjustmentKind} is null) = (${t.priceAdjustmentPercent} is null)`,
    ),
    check(
      "resellers_price_adjustment_range",
      // cost_margin divides by (1 − p): below 100 %; a discount cannot pass 100 %; a markup may (up to 1000 %).
      sql`${t.priceAdjustmentPercent} is null or (${t.priceAdjustmentPercent} >= 0 and (${t.priceAdjustmentPercent} < 100 or (${t.priceAdjustmentKind} = 'cost_markup' and ${t.priceAdjustmentPercent} <= 1000)))`,
    ),
    // Two sign-ups can never claim the same Acronis login while neither has reached Acronis yet.
    uniqueIndex("resellers_acronis_admin_login_key")
      .on(sql`lower(${t.acronisAdminLogin})`)
      .where(sql`${t.acronisAdminLogin} is not null`),
  ],
);

export const termsAcceptances = pgTable("terms_acceptances", {
  id: uuid("id").primaryKey().defaultRandom(),
  resellerId: uuid("reseller_id")
    .notNull()
    .references(() => resellers.id, { onDelete: "cascade" }),
  userEmail: text("user_email").notNull(),
  termsVersion: text("terms_version").notNull(),
  acceptedAt: timestamp("accepted_at", { withTimezone: true }).notNull().defaultNow(),
  ipAddress: text("ip_address"),
});

/** An end customer of a reseller: an Acronis customer tenant, read from Acronis, never created by us. */
export const customers = pgTable(
  "customers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    resellerId: uuid("reseller_id")
      .notNull()
      .references(() => resellers.id, { onDelete: "cascade" }),
    acronisTenantId: uuid("acronis_tenant_id").notNull().unique(),
    name: text("name").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** Where the tenant sits under the reseller's partner tenant, e.g. "Folder / Sub-partner" ("" when direct). */
    path: text("path").notNull().default(""),
    parentTenantId: uuid("parent_tenant_id"),
    /** Acronis's pricing mode (domain.md §4: only production usage is billed). */
    pricingMode: text("pricing_mode").notNull().default("production"),
    /** In trial: when Acronis will switch it to production; in production: when it was switched. */
    productionStartDate: timestamp("production_start_date", { withTimezone: true }),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A reseller's customer list (lib/customers/customer-list.ts): keyset pages over (value, id) per reseller.
    index("customers_reseller_name_idx").on(t.resellerId, t.name, t.id),
    index("customers_reseller_path_idx").on(t.resellerId, t.path, t.id),
    index("customers_reseller_since_idx").on(t.resellerId, t.firstSeenAt, t.id),
    index("customers_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
    check("customers_pricing_mode", sql`${t.pricingMode} in ('trial', 'production', 'suspended')`),
  ],
);

export type Reseller = typeof resellers.$inferSelect;
export type NewReseller = typeof resellers.$inferInsert;
export type Customer = typeof customers.$inferSelect;
