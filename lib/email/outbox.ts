import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailAttachments } from "@/db/schema";
import { toPgArray } from "@/lib/invoices/pg-array";
import { redactSecrets } from "./one-time-links";

/**
 * A file sent with an email: an issued invoice's PDF (rendered from the invoice when the mail is sent:
 * issued invoices never change, so it is the same document) or bytes of its own.
 */
export type OutgoingAttachment = { filename: string; contentType: string } & (
  | { invoiceId: string; content?: never }
  | { content: Buffer; invoiceId?: never }
);

export type OutgoingEmail = {
  /** One address, or several separated by commas (every one in To). */
  to: string;
  subject: string;
  text: string;
  html?: string;
  template: string;
  resellerId?: string | null;
  /**
   * The single-use secrets in this email (tokens of reset, verification or invitation links). They are
   * redacted from the copy the back office shows; only the recipient (or, in a demo with no mail server,
   * the distributor admin) reads them.
   */
  secrets?: readonly string[];
  attachments?: readonly OutgoingAttachment[];
};

/** The channel enqueueEmail notifies; PostgreSQL delivers the notification when the transaction commits. */
export const OUTBOX_CHANNEL = "tierline_email_outbox";

/**
 * Queue an email inside the caller's transaction: it is sent only if the business change commits. The
 * commit also wakes the workers' delivery (NOTIFY), so it goes out within seconds.
 */
export async function enqueueEmail(db: DbOrTx, email: OutgoingEmail): Promise<string> {
  const [id] = await enqueueEmails(db, [email]);
  return id!;
}

/**
 * Queue many emails (and their attachments) inside the caller's transaction with a few statements whatever
 * their number — a billing run issues thousands of invoices — and one NOTIFY. Returns their ids in order.
 * Each column travels as one array parameter (`unnest`), so a batch costs one statement, not one per row.
 */
export async function enqueueEmails(db: DbOrTx, emails: readonly OutgoingEmail[]): Promise<string[]> {
  if (emails.length === 0) return [];
  // Ids made here, so each attachment row names its email without relying on RETURNING's order.
  const ids = emails.map(() => randomUUID());
  const shown = emails.map((mail) => redactSecrets(mail.text, mail.secrets ?? []));
  await db.execute(sql`
    insert into email_outbox
      (id, to_address, subject, text_body, display_text, hidden_secrets, html_body, template, reseller_id)
    select * from unnest(
      ${toPgArray(ids, true)}::uuid[], ${toPgArray(emails.map((m) => m.to))}::text[],
      ${toPgArray(emails.map((m) => m.subject))}::text[], ${toPgArray(emails.map((m) => m.text))}::text[],
      ${toPgArray(shown.map((d) => d.text))}::text[], ${toPgArray(
        shown.map((d) => d.hidden),
        true,
      )}::int[],
      ${toPgArray(emails.map((m) => m.html ?? null))}::text[], ${toPgArray(emails.map((m) => m.template))}::text[],
      ${toPgArray(
        emails.map((m) => m.resellerId ?? null),
        true,
      )}::uuid[])`);
  const files = emails.flatMap((mail, i) =>
    (mail.attachments ?? []).map((file) => ({ emailId: ids[i]!, file })),
  );
  const linked = files.filter(({ file }) => file.invoiceId);
  if (linked.length > 0) {
    await db.execute(sql`
      insert into email_attachments (email_id, filename, content_type, invoice_id)
      select * from unnest(
        ${toPgArray(
          linked.map((f) => f.emailId),
          true,
        )}::uuid[], ${toPgArray(linked.map((f) => f.file.filename))}::text[],
        ${toPgArray(linked.map((f) => f.file.contentType))}::text[], ${toPgArray(
          linked.map((f) => f.file.invoiceId!),
          true,
        )}::uuid[])`);
  }
  // Files with bytes of their own are rare (and bytea does not travel well in a text array): row by row.
  for (const { emailId, file } of files.filter(({ file }) => file.content)) {
    await db.insert(emailAttachments).values({
      emailId,
      filename: file.filename,
      contentType: file.contentType,
      content: file.content,
    });
  }
  await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
  return ids;
}
