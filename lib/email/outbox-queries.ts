import "server-only";
import { and, asc, desc, eq, ilike, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { emailAttachments, emailOutbox, invoices } from "@/db/schema";

export type OutboxFilter = { template?: string; search?: string; limit?: number };

/** The outbox, newest first, with each email's number of attachments; optionally one template or a search. */
export async function listOutboxEmails(db: Db, filter: OutboxFilter = {}) {
  const search = filter.search?.trim();
  const like = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      template: emailOutbox.template,
      status: emailOutbox.status,
      createdAt: emailOutbox.createdAt,
      // Qualified by hand: in a one-table select drizzle prints columns bare, and a bare "id" in this subquery
      // would be the attachment's own.
      attachments: sql<number>`(select count(*)::int from email_attachments ea where ea.email_id = email_outbox.id)`,
    })
    .from(emailOutbox)
    .where(
      and(
        filter.template ? eq(emailOutbox.template, filter.template) : undefined,
        like ? or(ilike(emailOutbox.subject, like), ilike(emailOutbox.to, like)) : undefined,
      ),
    )
    .orderBy(desc(emailOutbox.createdAt), asc(emailOutbox.id))
    .limit(filter.limit ?? 100);
}

/** The templates the outbox holds, for its filter. */
export async function listOutboxTemplates(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ template: emailOutbox.template })
    .from(emailOutbox)
    .orderBy(asc(emailOutbox.template));
  return rows.map((r) => r.template);
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
