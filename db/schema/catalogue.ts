import {
  boolean,
  char,
  date,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { aggregation } from "./enums";

export const tiers = pgTable("tiers", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  commitmentUsd: numeric("commitment_usd", { precision: 18, scale: 4 }).notNull(),
  acronisTierLevelValue: integer("acronis_tier_level_value").notNull(),
  trialAllowed: boolean("trial_allowed").notNull().default(true),
  orderable: boolean("orderable").notNull().default(true),
  retiredAt: timestamp("retired_at", { withTimezone: true }),
  sortOrder: integer("sort_order").notNull().default(0),
});

/** Explicit commitment in a currency; wins over USD × FX. */
export const tierCommitments = pgTable(
  "tier_commitments",
  {
    tierId: uuid("tier_id")
      .notNull()
      .references(() => tiers.id, { onDelete: "cascade" }),
    currency: char("currency", { length: 3 }).notNull(),
    amount: numeric("amount", { precision: 18, scale: 4 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tierId, t.currency] })],
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

export const skus = pgTable("skus", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  unit: text("unit").notNull(),
  acronisUnit: text("acronis_unit").notNull(),
  aggregation: aggregation("aggregation").notNull(),
  divisor: numeric("divisor", { precision: 24, scale: 4 }).notNull().default("1"),
  edition: text("edition").notNull().default("pck_per_workload"),
  isMain: boolean("is_main").notNull().default(false),
  active: boolean("active").notNull().default(true),
  sortOrder: integer("sort_order").notNull().default(0),
});

export const prices = pgTable(
  "prices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
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
  (t) => [unique("prices_sku_tier_currency_key").on(t.skuId, t.tierId, t.currency)],
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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("fx_rates_pair_date_key").on(t.from, t.to, t.date)],
);

export type Tier = typeof tiers.$inferSelect;
export type Sku = typeof skus.$inferSelect;
export type Price = typeof prices.$inferSelect;
export type FxRate = typeof fxRates.$inferSelect;
