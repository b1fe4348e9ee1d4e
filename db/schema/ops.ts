import { sql } from "drizzle-orm";
import {
  bigserial,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { invoices } from "./billing";
import { deliveryStatus, emailStatus } from "./enums";
import { resellers } from "./resellers";

/** Every email goes through here first; sent by nodemailer when SMTP_URL is set, always viewable by admins. */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text_body").notNull(),
    /**
     * The body as the back office shows it: every single-use secret the sender named (a reset or
     * verification token) replaced by a mark. Only the admin of a demo without a mail server reads `text`.
     */
    displayText: text("display_text").notNull(),
    /** How many secrets `displayText` hides. */
    hiddenSecrets: integer("hidden_secrets").notNull().default(0),
    html: text("html_body"),
    template: text("template").notNull(),
    resellerId: uuid("reseller_id").references(() => resellers.id, { onDelete: "set null" }),
    status: emailStatus("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("email_outbox_status_idx").on(t.status, t.createdAt),
    index("email_outbox_to_idx").on(t.to),
    // /admin/outbox: newest first by keyset, and its recipient/subject search.
    index("email_outbox_created_idx").on(t.createdAt, t.id),
    index("email_outbox_template_idx").on(t.template, t.createdAt, t.id),
    index("email_outbox_to_trgm_idx").using("gin", t.to.op("gin_trgm_ops")),
    index("email_outbox_subject_trgm_idx").using("gin", t.subject.op("gin_trgm_ops")),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * A file sent with an outbox email. An invoice's PDF is rendered from the issued invoice when the mail is
 * sent (issued invoices never change, so it is the same document); other files carry their bytes.
 */
export const emailAttachments = pgTable(
  "email_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    emailId: uuid("email_id")
      .notNull()
      .references(() => emailOutbox.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    invoiceId: uuid("invoice_id").references(() => invoices.id, { onDelete: "restrict" }),
    content: bytea("content"),
  },
  (t) => [
    index("email_attachments_email_idx").on(t.emailId),
    index("email_attachments_invoice_idx").on(t.invoiceId),
    check("email_attachments_one_source", sql`num_nonnulls(${t.invoiceId}, ${t.content}) = 1`),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    resellerId: uuid("reseller_id").references(() => resellers.id, { onDelete: "set null" }),
    data: jsonb("data").$type<Record<string, unknown>>(),
  },
  (t) => [
    // Newest (or oldest) first by keyset over (at, id): lib/audit/queries.ts.
    index("audit_log_at_idx").on(t.at, t.id),
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
    index("audit_log_actor_idx").on(t.actorUserId, t.at),
    index("audit_log_action_idx").on(t.action, t.at),
    index("audit_log_reseller_idx").on(t.resellerId),
    // The "Who" choices and filter for entries with no user (system, API keys): a handful of labels.
    index("audit_log_label_idx").on(t.actorLabel).where(sql`${t.actorUserId} is null`),
    // The log's search: every branch of its OR has an index (trigram for the substrings).
    index("audit_log_action_trgm_idx").using("gin", t.action.op("gin_trgm_ops")),
    index("audit_log_entity_id_trgm_idx").using("gin", t.entityId.op("gin_trgm_ops")),
    index("audit_log_actor_label_trgm_idx").using("gin", t.actorLabel.op("gin_trgm_ops")),
  ],
);

/**
 * API keys (issue 15). A distributor key (reseller_id null) reads and writes the whole channel; a reseller
 * key only its own reseller's data. Shown once at creation; only a SHA-256 of the key is stored, with its
 * first characters (`prefix`) to recognise it in lists and logs.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    resellerId: uuid("reseller_id").references(() => resellers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** First characters of the key, shown in the UI to recognise it. */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    /** "read" and/or "write" (write implies nothing: a key that writes and reads names both). */
    scopes: text("scopes").array().notNull().default([]),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    // The key lists (lib/api-keys/key-list.ts): newest first or by last use, per owner.
    index("api_keys_reseller_idx").on(t.resellerId, t.createdAt, t.id),
    index("api_keys_reseller_used_idx").on(
      t.resellerId,
      sql`coalesce(${t.lastUsedAt}, 'epoch'::timestamptz)`,
      t.id,
    ),
    check(
      "api_keys_scopes",
      sql`cardinality(${t.scopes}) >= 1 and ${t.scopes} <@ array['read','write']::text[]`,
    ),
    check("api_keys_name", sql`length(btrim(${t.name})) between 1 and 100`),
  ],
);

/**
 * `Idempotency-Key` of a POST to /api/v1: the first request's answer, replayed for a repeat with the same
 * key (and refused when the repeat's body or path differs). A row without `completedAt` is in progress.
 */
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    apiKeyId: uuid("api_key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    key: text("idempotency_key").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    /** SHA-256 of the method, path and body. */
    requestHash: text("request_hash").notNull(),
    statusCode: integer("status_code"),
    response: jsonb("response"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.apiKeyId, t.key] }),
    index("api_idempotency_keys_created_idx").on(t.createdAt),
    check("api_idempotency_keys_key", sql`length(${t.key}) between 1 and 255`),
    check("api_idempotency_keys_completed", sql`(${t.completedAt} is null) = (${t.statusCode} is null)`),
  ],
);

/** Every event webhooks publish (issue 15). */
export const webhookEventTypes = [
  "reseller.signed_up",
  "contract.activated",
  "contract.tier_changed",
  "contract.cancelled",
  "provisioning.failed",
  "invoice.issued",
  "invoice.paid",
  "invoice.voided",
  "credit_note.issued",
  "usage.alert",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/**
 * A webhook endpoint: the distributor's (reseller_id null) receives every event, a reseller's only its own
 * reseller's. The signing secret (Standard Webhooks `whsec_…`) is encrypted with lib/security/secrets.
 * After repeated failures the endpoint is disabled (`disabledAt`, `disabledReason`) and its owner emailed.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    resellerId: uuid("reseller_id").references(() => resellers.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    secretEnc: text("secret_enc").notNull(),
    events: text("events").array().notNull(),
    /** Deliveries that failed in a row (every retry spent); reset by a success. */
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    disabledReason: text("disabled_reason"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("webhook_endpoints_reseller_idx").on(t.resellerId),
    check("webhook_endpoints_url", sql`${t.url} ~ '^https?://' and length(${t.url}) <= 2000`),
    check(
      "webhook_endpoints_events",
      sql`cardinality(${t.events}) >= 1 and ${t.events} <@ array[${sql.raw(
        webhookEventTypes.map((e) => `'${e}'`).join(","),
      )}]::text[]`,
    ),
    check("webhook_endpoints_failures", sql`${t.consecutiveFailures} >= 0`),
  ],
);

/**
 * An event, written in the same transaction as the change that causes it. `resellerId` is the reseller it
 * concerns (null for none): reseller endpoints receive only their own.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    type: text("type").notNull(),
    resellerId: uuid("reseller_id").references(() => resellers.id, { onDelete: "cascade" }),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("webhook_events_reseller_idx").on(t.resellerId, t.createdAt),
    index("webhook_events_created_idx").on(t.createdAt),
    check(
      "webhook_events_type",
      sql`${t.type} in (${sql.raw(webhookEventTypes.map((e) => `'${e}'`).join(","))})`,
    ),
  ],
);

/** One event for one endpoint: retried with exponential backoff until delivered or every retry is spent. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    status: deliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    responseStatus: integer("response_status"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    unique("webhook_deliveries_endpoint_event_key").on(t.endpointId, t.eventId),
    index("webhook_deliveries_pending_idx").on(t.status, t.nextAttemptAt),
    // An endpoint's delivery log, newest or oldest first by keyset (lib/webhooks/deliveries.ts).
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt, t.id),
    check("webhook_deliveries_attempts", sql`${t.attempts} >= 0`),
  ],
);

/** Each HTTP attempt of a delivery, with what the receiver answered: the delivery log. */
export const webhookDeliveryAttempts = pgTable(
  "webhook_delivery_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    /** "automatic" (the queue, incl. retries) or "manual" (Redeliver). */
    trigger: text("trigger").notNull().default("automatic"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    durationMs: integer("duration_ms"),
    responseStatus: integer("response_status"),
    /** The first 2 KB of the receiver's answer. */
    responseBody: text("response_body"),
    error: text("error"),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    unique("webhook_delivery_attempts_key").on(t.deliveryId, t.attempt),
    check("webhook_delivery_attempts_trigger", sql`${t.trigger} in ('automatic','manual')`),
    check("webhook_delivery_attempts_attempt", sql`${t.attempt} >= 1`),
  ],
);

export type EmailOutboxRow = typeof emailOutbox.$inferSelect;
export type AuditLogRow = typeof auditLog.$inferSelect;
