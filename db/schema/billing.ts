import { sql } from "drizzle-orm";
import {
  boolean,
  char,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { contracts } from "./contracts";
import { billingRunStatus, invoiceLineType, invoiceStatus } from "./enums";
import { customers, resellers } from "./resellers";

const money = (name: string) => numeric(name, { precision: 20, scale: 4 });

export const billingRuns = pgTable(
  "billing_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** YYYY-MM */
    period: char("period", { length: 7 }).notNull(),
    status: billingRunStatus("status").notNull().default("running"),
    totalContracts: integer("total_contracts").notNull().default(0),
    processedContracts: integer("processed_contracts").notNull().default(0),
    issuedInvoices: integer("issued_invoices").notNull().default(0),
    error: text("error"),
    createdBy: uuid("created_by").references(() => users.id),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("billing_runs_period_idx").on(t.period, t.id),
    index("billing_runs_started_idx").on(t.startedAt, t.id),
  ],
);

export const invoices = pgTable(
  "invoices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "restrict" }),
    resellerId: uuid("reseller_id")
      .notNull()
      .references(() => resellers.id, { onDelete: "restrict" }),
    billingRunId: uuid("billing_run_id").references(() => billingRuns.id),
    period: char("period", { length: 7 }).notNull(),
    /** Gap-free, assigned at issue inside the issuing transaction. */
    number: text("number").unique(),
    status: invoiceStatus("status").notNull().default("draft"),
    currency: char("currency", { length: 3 }).notNull(),
    invoiceDate: date("invoice_date").notNull(),
    tierCode: text("tier_code").notNull(),
    tierName: text("tier_name").notNull(),
    cycle: integer("cycle").notNull(),
    activeDays: integer("active_days").notNull(),
    periodDays: integer("period_days").notNull(),
    commitment: money("commitment").notNull(),
    consumption: money("consumption").notNull(),
    topUp: money("top_up").notNull(),
    rampUpWaived: boolean("ramp_up_waived").notNull().default(false),
    rampUpCycle: integer("ramp_up_cycle"),
    rampUpCycles: integer("ramp_up_cycles"),
    subtotal: money("subtotal").notNull(),
    taxRatePercent: numeric("tax_rate_percent", { precision: 7, scale: 4 }).notNull(),
    tax: money("tax").notNull(),
    total: money("total").notNull(),
    fxFrom: char("fx_from", { length: 3 }),
    fxTo: char("fx_to", { length: 3 }),
    fxRate: numeric("fx_rate", { precision: 24, scale: 10 }),
    fxDate: date("fx_date"),
    fxSource: text("fx_source"),
    /** Printed under the tax line, e.g. the EU reverse-charge note (domain.md §2.4); frozen with the draft. */
    taxNote: text("tax_note"),
    /** Issue date + the policies' payment terms; set in the issuing transaction. */
    dueDate: date("due_date"),
    /** Reseller and distributor details frozen at issue, so later edits never change an issued invoice. */
    parties: jsonb("parties").$type<Record<string, unknown>>(),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidReason: text("void_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("invoices_contract_period_key").on(t.contractId, t.period),
    index("invoices_number_trgm_idx").using("gin", t.number.op("gin_trgm_ops")),
    // The back office's list sorts (lib/admin/invoice-list.ts): keyset pages over (value, id).
    index("invoices_period_list_idx").on(t.period, t.id),
    index("invoices_date_list_idx").on(t.invoiceDate, t.id),
    index("invoices_total_list_idx").on(t.total, t.id),
    index("invoices_number_list_idx").on(sql`coalesce(${t.number}, '')`, t.id),
    index("invoices_reseller_idx").on(t.resellerId, t.period),
    // A run's invoices in number order (its page's default sort), drafts (no number yet) among them.
    index("invoices_run_idx").on(t.billingRunId, sql`coalesce(${t.number}, '')`, t.id),
    // Which periods have issued invoices: the price-version and FX guards of migration 0008 ask this.
    index("invoices_issued_period_idx").on(t.period).where(sql`${t.status} <> 'draft'`),
    index("invoices_fx_idx").on(t.fxFrom, t.fxTo, t.fxDate).where(sql`${t.fxRate} is not null`),
  ],
);

/** One reminder per unpaid invoice and reminder day (policies' `invoiceReminderDays`), sent through the outbox. */
export const invoiceReminders = pgTable(
  "invoice_reminders",
  {
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "restrict" }),
    daysAfterDue: integer("days_after_due").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.invoiceId, t.daysAfterDue] })],
);

export const invoiceLines = pgTable(
  "invoice_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /**
     * Deleting a draft deletes its lines. Issued invoices are never deleted and their lines never change: the
     * guards of migration 0001 (the lines' one as 0006 rewrote it, locking the invoice against a concurrent issue).
     */
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    type: invoiceLineType("type").notNull(),
    customerId: uuid("customer_id").references(() => customers.id),
    customerName: text("customer_name"),
    skuCode: text("sku_code"),
    description: text("description").notNull(),
    unit: text("unit"),
    quantity: numeric("quantity", { precision: 24, scale: 4 }),
    unitPrice: numeric("unit_price", { precision: 20, scale: 4 }),
    amount: money("amount").notNull(),
    /** Distributor cost, for the margin report; never shown to resellers. */
    unitCost: numeric("unit_cost", { precision: 20, scale: 4 }),
    costAmount: money("cost_amount"),
  },
  (t) => [unique("invoice_lines_position_key").on(t.invoiceId, t.position)],
);

/** Last number issued per document kind and year; row-locked while issuing, so numbers are gap-free. */
export const documentSequences = pgTable(
  "document_sequences",
  {
    kind: text("kind", { enum: ["invoice", "credit_note"] }).notNull(),
    year: integer("year").notNull(),
    lastNumber: integer("last_number").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.kind, t.year] })],
);

export const creditNotes = pgTable(
  "credit_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "restrict" }),
    number: text("number").notNull().unique(),
    reason: text("reason").notNull(),
    subtotal: money("subtotal").notNull(),
    tax: money("tax").notNull(),
    total: money("total").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("credit_notes_invoice_idx").on(t.invoiceId),
    // /admin/credit-notes: its sorts and its number search.
    index("credit_notes_created_idx").on(t.createdAt, t.id),
    index("credit_notes_number_list_idx").on(t.number, t.id),
    index("credit_notes_total_idx").on(t.total, t.id),
    index("credit_notes_number_trgm_idx").using("gin", t.number.op("gin_trgm_ops")),
  ],
);

export const creditNoteLines = pgTable(
  "credit_note_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creditNoteId: uuid("credit_note_id")
      .notNull()
      .references(() => creditNotes.id, { onDelete: "cascade" }),
    invoiceLineId: uuid("invoice_line_id").references(() => invoiceLines.id),
    description: text("description").notNull(),
    amount: money("amount").notNull(),
  },
  (t) => [
    // A given invoice line can be credited once.
    uniqueIndex("credit_note_lines_invoice_line_key")
      .on(t.invoiceLineId)
      .where(sql`${t.invoiceLineId} is not null`),
  ],
);

export type Invoice = typeof invoices.$inferSelect;
export type InvoiceLine = typeof invoiceLines.$inferSelect;
export type BillingRun = typeof billingRuns.$inferSelect;
