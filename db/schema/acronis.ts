import { sql } from "drizzle-orm";
import {
  boolean,
  char,
  check,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** Where an Acronis storage infrastructure lives (domain.md §4): each maps to its own SKUs; partner-owned is not billed. */
export const storageOwner = pgEnum("storage_owner", ["acronis", "hyperscaler", "partner"]);

/**
 * The datacenter configured by ACRONIS_* in the environment: always present (migration 0009), never deleted,
 * and the default a reseller row gets when code names none. Its secret lives in the environment, not here.
 */
export const ENV_DATACENTER_ID = "00000000-0000-4000-8000-000000000001";

/** An Acronis datacenter Tierline talks to (domain.md §6; issue 14): connections are data. */
export const acronisDatacenters = pgTable(
  "acronis_datacenters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull().unique(),
    /** `https://eu2-cloud.acronis.com`; null only for the environment's datacenter until the app first boots. */
    baseUrl: text("base_url"),
    clientId: text("client_id"),
    /** AES-256-GCM with TIERLINE_SECRETS_KEY (lib/security/secrets.ts); never read back to a browser. */
    clientSecretEnc: text("client_secret_enc"),
    /** ACRONIS_* configure this one: URL, client and secret come from the environment. */
    fromEnv: boolean("from_env").notNull().default(false),
    isDefault: boolean("is_default").notNull().default(false),
    /** The API client's own tenant, learned by the connection test. */
    rootTenantId: uuid("root_tenant_id"),
    lastTestedAt: timestamp("last_tested_at", { withTimezone: true }),
    lastTestOk: boolean("last_test_ok"),
    lastTestMessage: text("last_test_message"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("acronis_datacenters_name_length", sql`length(btrim(${t.name})) between 1 and 80`),
    check(
      "acronis_datacenters_base_url_format",
      sql`${t.baseUrl} is null or ${t.baseUrl} ~ '^https?://[^/]+'`,
    ),
    check(
      "acronis_datacenters_credentials",
      sql`${t.fromEnv} or (${t.baseUrl} is not null and ${t.clientId} is not null and ${t.clientSecretEnc} is not null)`,
    ),
    check("acronis_datacenters_env_has_no_secret", sql`not ${t.fromEnv} or ${t.clientSecretEnc} is null`),
    uniqueIndex("acronis_datacenters_one_default").on(t.isDefault).where(sql`${t.isDefault}`),
    uniqueIndex("acronis_datacenters_one_env").on(t.fromEnv).where(sql`${t.fromEnv}`),
    uniqueIndex("acronis_datacenters_base_url_key").on(t.baseUrl).where(sql`${t.baseUrl} is not null`),
  ],
);

/** Which datacenter a new reseller from a country is provisioned in; countries not listed get the default. */
export const datacenterCountries = pgTable(
  "datacenter_countries",
  {
    country: char("country", { length: 2 }).primaryKey(),
    datacenterId: uuid("datacenter_id")
      .notNull()
      .references(() => acronisDatacenters.id, { onDelete: "cascade" }),
  },
  (t) => [check("datacenter_countries_country_format", sql`${t.country} ~ '^[A-Z]{2}$'`)],
);

/** A storage infrastructure of a datacenter (`GET /api/2/infra`), classified by owner as data staff may correct. */
export const acronisInfrastructures = pgTable(
  "acronis_infrastructures",
  {
    datacenterId: uuid("datacenter_id")
      .notNull()
      .references(() => acronisDatacenters.id, { onDelete: "cascade" }),
    /** Acronis's `infra_id`. */
    infraId: uuid("infra_id").notNull(),
    name: text("name").notNull(),
    owner: storageOwner("owner").notNull(),
    /** True once staff set the owner by hand: a later import keeps it. */
    ownerSetByStaff: boolean("owner_set_by_staff").notNull().default(false),
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.datacenterId, t.infraId] })],
);
