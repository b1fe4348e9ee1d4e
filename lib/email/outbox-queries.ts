import "server-only";
import { and, asc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { emailAttachments, emailOutbox, invoices } from "@/db/schema";
import { emailStatus } from "@/db/schema/enums";
import { addDays } from "@/lib/billing/dates";
import { exportListCsv, isoInstant } from "@/lib/lists/export";
import { type ListParams, type ListSpec, listFilters } from "@/lib/lists/params";
import { type ListSource, runList } from "@/lib/lists/run";
import { searchCondition } from "@/lib/lists/search";

/**
 * /admin/outbox (issue 16): newest first (or oldest), 100 a page as before; one template, one status, an
 * inclusive range of UTC days it was queued in, and a search of the recipient and subject, all in the URL.
 */
export const outboxListSpec = {
  sorts: { created: { dir: "desc" } },
  defaultSort: "created" as const,
  defaultSize: 100,
  filters: {
    template: z.string().max(100, "Pick a template from the list."),
    status: listFilters.oneOf(emailStatus.enumValues, "Pick a status from the list."),
    from: listFilters.day(),
    to: listFilters.day(),
  },
} satisfies ListSpec;

export type OutboxListParams = ListParams<
  keyof typeof outboxListSpec.sorts,
  keyof typeof outboxListSpec.filters
>;

/** The list's filters and search as conditions: the page and the export filter the same way. */
function outboxWhere(params: OutboxListParams): (SQL | undefined)[] {
  const { template, status } = params.filters;
  let { from, to } = params.filters;
  if (from && to && from > to) [from, to] = [to, from];
  return [
    template ? eq(emailOutbox.template, template) : undefined,
    status ? eq(emailOutbox.status, status as (typeof emailStatus.enumValues)[number]) : undefined,
    from ? gte(emailOutbox.createdAt, new Date(`${from}T00:00:00Z`)) : undefined,
    to ? lt(emailOutbox.createdAt, new Date(`${addDays(to, 1)}T00:00:00Z`)) : undefined,
    searchCondition(params.q, [emailOutbox.to, emailOutbox.subject]),
  ];
}

/**
 * What the list shows of an email, and all its export holds: never a body (the full one carries single-use
 * tokens; even the redacted copy is for the email's own page).
 */
const rowColumns = {
  id: emailOutbox.id,
  to: emailOutbox.to,
  subject: emailOutbox.subject,
  template: emailOutbox.template,
  status: emailOutbox.status,
  createdAt: emailOutbox.createdAt,
  // Qualified by hand: in a one-table select drizzle prints columns bare, and a bare "id" in this subquery
  // would be the attachment's own.
  attachments: sql<number>`(select count(*)::int from email_attachments ea where ea.email_id = email_outbox.id)`,
};

export type OutboxRow = {
  id: string;
  to: string;
  subject: string;
  template: string;
  status: (typeof emailStatus.enumValues)[number];
  createdAt: Date;
  attachments: number;
};

function outboxSource(db: Db, params: OutboxListParams): ListSource<OutboxRow> {
  return {
    sorts: { created: { expr: emailOutbox.createdAt, type: "timestamptz" } },
    id: emailOutbox.id,
    where: outboxWhere(params),
    rows: ({ keys, where, orderBy, limit }) =>
      db
        .select({ ...rowColumns, ...keys })
        .from(emailOutbox)
        .where(where)
        .orderBy(...orderBy)
        .limit(limit),
    count: ({ where, limit }) => db.select({ one: sql`1` }).from(emailOutbox).where(where).limit(limit),
  };
}

/** One page of the outbox with each email's number of attachments; the count stops at the cap. */
export async function listOutboxPage(db: Db, params: OutboxListParams) {
  return runList(db, params, outboxSource(db, params));
}

/**
 * The filtered outbox (every page of it) as a CSV stream in the list's order, `batchSize` emails at a time:
 * what the list shows (when, to, subject, template, status, attachments), never a body.
 */
export function exportOutbox(db: Db, params: OutboxListParams, options: { batchSize?: number } = {}) {
  const { count: _count, ...source } = outboxSource(db, params);
  return exportListCsv(
    params,
    source,
    [
      { header: "queued_at", value: (m) => isoInstant(m.createdAt) },
      { header: "to", value: (m) => m.to },
      { header: "subject", value: (m) => m.subject },
      { header: "template", value: (m) => m.template },
      { header: "status", value: (m) => m.status },
      { header: "attachments", value: (m) => String(m.attachments) },
    ],
    options,
  );
}

/**
 * The templates the outbox holds, for its filter: one index probe per template (a loose index scan over
 * the template index) rather than reading every email.
 */
export async function listOutboxTemplates(db: Db): Promise<string[]> {
  const rows = await db.execute<{ value: string }>(sql`
    with recursive seen(value) as (
      (select template from email_outbox order by template limit 1)
      union all
      select (select o.template from email_outbox o where o.template > seen.value order by o.template limit 1)
      from seen where seen.value is not null
    )
    select value from seen where value is not null`);
  return [...rows].map((r) => r.value);
}

/** An email's attachments (no bytes), with the invoice number of an invoice's PDF. */
export async function listEmailAttachments(db: Db, emailId: string) {
  return db
    .select({
      id: emailAttachments.id,
      filename: emailAttachments.filename,
      contentType: emailAttachments.contentType,
      invoiceId: emailAttachments.invoiceId,
      invoiceNumber: invoices.number,
      bytes: sql<number | null>`octet_length(${emailAttachments.content})`,
    })
    .from(emailAttachments)
    .leftJoin(invoices, eq(invoices.id, emailAttachments.invoiceId))
    .where(eq(emailAttachments.emailId, emailId))
    .orderBy(asc(emailAttachments.filename));
}

/** One attachment of one email (both ids must match), with its stored bytes if it has any. */
export async function getEmailAttachment(db: Db, emailId: string, attachmentId: string) {
  const [row] = await db
    .select()
    .from(emailAttachments)
    .where(and(eq(emailAttachments.id, attachmentId), eq(emailAttachments.emailId, emailId)))
    .limit(1);
  return row ?? null;
}
