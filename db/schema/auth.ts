import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { userRole } from "./enums";
import { resellers } from "./resellers";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    role: userRole("role").notNull(),
    /** Null for distributor staff; set for every reseller user. */
    resellerId: uuid("reseller_id").references(() => resellers.id, { onDelete: "restrict" }),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    /** Who invited this user to a team (null for sign-ups, the seed and hand-made resellers' owners). */
    invitedBy: uuid("invited_by").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    invitedAt: timestamp("invited_at", { withTimezone: true }),
    /**
     * The TOTP secret (RFC 6238), encrypted with lib/security/secrets (TIERLINE_SECRETS_KEY). Set while
     * enrolling; two-factor sign-in is on only once `totpEnabledAt` is set (the first code was confirmed).
     */
    totpSecretEnc: text("totp_secret_enc"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** The last time step a code was accepted for: a code is never accepted twice. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    // Team and staff lists (lib/teams/member-list.ts): keyset pages per reseller (null = staff).
    index("users_reseller_name_idx").on(t.resellerId, t.name, t.id),
    index("users_reseller_email_idx").on(t.resellerId, t.email, t.id),
    index("users_reseller_sign_in_idx").on(
      t.resellerId,
      sql`coalesce(${t.lastSignInAt}, 'epoch'::timestamptz)`,
      t.id,
    ),
    index("users_email_trgm_idx").using("gin", t.email.op("gin_trgm_ops")),
    index("users_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
    check("users_totp_enabled_has_secret", sql`${t.totpEnabledAt} is null or ${t.totpSecretEnc} is not null`),
  ],
);

/** Single-use recovery codes of a user's two-factor sign-in; only a SHA-256 of each is stored. */
export const userRecoveryCodes = pgTable(
  "user_recovery_codes",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/** One row per signed-in browser; the JWT carries its id so a session can be revoked server-side. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Counters of rate-limiter-flexible's PostgreSQL (Drizzle) store: one row per limited key (sign-in per
 * account and address, reset emails per address, …), updated by one atomic upsert per request, so every
 * app instance sharing the database shares the limits (lib/security/limits.ts).
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    points: integer("points").notNull().default(0),
    expire: timestamp("expire", { withTimezone: true }),
  },
  (t) => [index("rate_limits_expire_idx").on(t.expire)],
);

/** Single-use tokens (password reset, email verification); only a SHA-256 of the token is stored. */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", {
      enum: ["password_reset", "email_verification", "sign_in", "invitation", "two_factor"],
    }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("user_tokens_user_idx").on(t.userId)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
