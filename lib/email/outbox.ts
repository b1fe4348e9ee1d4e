import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailAttachments, emailOutbox } from "@/db/schema";
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

/** Rows per insert statement: well under PostgreSQL's 65,535 parameters per statement. */
const CHUNK = 500;

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
 */
export async function enqueueEmails(db: DbOrTx, emails: readonly OutgoingEmail[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const ids: string[] = [];
  for (let start = 0; start < emails.length; start += CHUNK) {
    const chunk = emails.slice(start, start + CHUNK);
    // Ids made here, so each attachment row names its email without relying on RETURNING's order.
    const chunkIds = chunk.map(() => randomUUID());
    await db.insert(emailOutbox).values(
      chunk.map(({ secrets = [], attachments: _attachments, ...mail }, i) => {
        const display = redactSecrets(mail.text, secrets);
        return {
          ...mail,
          id: chunkIds[i]!,
          resellerId: mail.resellerId ?? null,
          displayText: display.text,
          hiddenSecrets: display.hidden,
        };
      }),
    );
    const files = chunk.flatMap((mail, i) =>
      (mail.attachments ?? []).map((file) => ({
        emailId: chunkIds[i]!,
        filename: file.filename,
        contentType: file.contentType,
        invoiceId: file.invoiceId ?? null,
        content: file.content ?? null,
      })),
    );
    for (let f = 0; f < files.length; f += CHUNK) {
      await db.insert(emailAttachments).values(files.slice(f, f + CHUNK));
    }
    ids.push(...chunkIds);
  }
  await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
  return ids;
}
