import { sql } from "drizzle-orm";
import {
  boolean,
  char,
  check,
  date,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { storageOwner } from "./acronis";
import { users } from "./auth";
import { aggregation } from "./enums";

export const tiers = pgTable("tiers", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  acronisTierLevelValue: integer("acronis_tier_level_value").notNull(),
  trialAllowed: boolean("trial_allowed").notNull().default(true),
  orderable: boolean("orderable").notNull().default(true),
  retiredAt: timestamp("retired_at", { withTimezone: true }),
  sortOrder: integer("sort_order").notNull().default(0),
});

/**
 * A version of the price book (sell prices and tier commitments, domain.md §2.2), in force from the 1st of a
 * month until the next version's start. A version in force for a period with issued invoices never changes
 * (triggers of migration 0008): a correction is a new version.
 */
export const priceVersions = pgTable(
  "price_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    effectiveFrom: date("effective_from").notNull().unique(),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("price_versions_first_of_month", sql`extract(day from ${t.effectiveFrom}) = 1`)],
);

/**
 * A tier's commitment in a currency, per price version. The USD row is the fallback every tier has; an
 * explicit amount in the invoice currency wins over USD × FX (§2.1).
 */
export const tierCommitments = pgTable(
  "tier_commitments",
  {
    versionId: uuid("version_id")
      .notNull()
      .references(() => priceVersions.id, { onDelete: "cascade" }),
    tierId: uuid("tier_id")
      .notNull()
      .references(() => tiers.id, { onDelete: "cascade" }),
    currency: char("currency", { length: 3 }).notNull(),
    amount: numeric("amount", { precision: 18, scale: 4 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.tierId, t.currency] }),
    check("tier_commitments_amount_nonnegative", sql`${t.amount} >= 0`),
    check("tier_commitments_currency_format", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const upgradePaths = pgTable(
  "upgrade_paths",
  {
    fromTierId: uuid("from_tier_id")
      .notNull()
      .references(() => tiers.id, { onDelete: "cascade" }),
    toTierId: uuid("to_tier_id")
      .notNull()
      .references(() => tiers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.fromTierId, t.toTierId] })],
);

export const skus = pgTable(
  "skus",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    /**
     * The Acronis offering-item name usage arrives under when it is not the code (e.g. a hyperscaler storage
     * SKU `pw_base_storage_hyperscaler` bills `pw_base_storage` rows of hyperscaler infrastructures).
     */
    acronisName: text("acronis_name"),
    /** For storage items: whose infrastructure this SKU bills (domain.md §4); null for everything else. */
    storageOwner: storageOwner("storage_owner"),
    unit: text("unit").notNull(),
    acronisUnit: text("acronis_unit").notNull(),
    aggregation: aggregation("aggregation").notNull(),
    divisor: numeric("divisor", { precision: 24, scale: 4 }).notNull().default("1"),
    edition: text("edition").notNull().default("pck_per_workload"),
    isMain: boolean("is_main").notNull().default(false),
    /** Enabled: offered. A disabled SKU is no longer listed, but usage Acronis still reports for it is rated. */
    active: boolean("active").notNull().default(true),
    /** Listed on the storefront's price table and estimator. */
    storefront: boolean("storefront").notNull().default(true),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [
    check("skus_divisor_positive", sql`${t.divisor} > 0`),
    // Partner-owned storage is not Acronis's charge, so no SKU may bill it.
    check("skus_partner_storage_not_billed", sql`${t.storageOwner} is distinct from 'partner'`),
    uniqueIndex("skus_acronis_name_owner_key").on(
      sql`coalesce(${t.acronisName}, ${t.code})`,
      t.storageOwner,
    ) /* NULLS NOT DISTINCT, added by hand in migration 0009 (drizzle cannot say it for an index) */,
  ],
);

export const prices = pgTable(
  "prices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => priceVersions.id, { onDelete: "cascade" }),
    skuId: uuid("sku_id")
      .notNull()
      .references(() => skus.id, { onDelete: "cascade" }),
    tierId: uuid("tier_id")
      .notNull()
      .references(() => tiers.id, { onDelete: "cascade" }),
    currency: char("currency", { length: 3 }).notNull(),
    unitPrice: numeric("unit_price", { precision: 18, scale: 4 }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("prices_version_sku_tier_currency_key").on(t.versionId, t.skuId, t.tierId, t.currency),
    check("prices_unit_price_nonnegative", sql`${t.unitPrice} >= 0`),
    check("prices_currency_format", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/** 1 unit of `from` = `rate` units of `to`, valid from `date`. */
export const fxRates = pgTable(
  "fx_rates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    from: char("from_currency", { length: 3 }).notNull(),
    to: char("to_currency", { length: 3 }).notNull(),
    rate: numeric("rate", { precision: 24, scale: 10 }).notNull(),
    date: date("date").notNull(),
    source: text("source").notNull().default("manual"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("fx_rates_pair_date_key").on(t.from, t.to, t.date),
    check("fx_rates_rate_positive", sql`${t.rate} > 0`),
    check("fx_rates_distinct_pair", sql`${t.from} <> ${t.to}`),
    check("fx_rates_currency_format", sql`${t.from} ~ '^[A-Z]{3}$' and ${t.to} ~ '^[A-Z]{3}$'`),
  ],
);

/** The distributor's tax rate per country (domain.md §2.4); a new reseller's rate defaults from it. */
export const taxRates = pgTable(
  "tax_rates",
  {
    country: char("country", { length: 2 }).primaryKey(),
    ratePercent: numeric("rate_percent", { precision: 7, scale: 4 }).notNull(),
    /** What the rate is, as the settings page explains it (e.g. "VAT standard rate"). */
    label: text("label").notNull().default(""),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("tax_rates_country_format", sql`${t.country} ~ '^[A-Z]{2}$'`),
    check("tax_rates_rate_range", sql`${t.ratePercent} >= 0 and ${t.ratePercent} <= 100`),
  ],
);

export type Tier = typeof tiers.$inferSelect;
export type PriceVersion = typeof priceVersions.$inferSelect;
export type TaxRate = typeof taxRates.$inferSelect;
export type Sku = typeof skus.$inferSelect;
export type Price = typeof prices.$inferSelect;
export type FxRate = typeof fxRates.$inferSelect;
