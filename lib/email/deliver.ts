import "server-only";
import { and, asc, eq, lt, notInArray } from "drizzle-orm";
import nodemailer from "nodemailer";
import type postgres from "postgres";
import type { Db, DbOrTx } from "@/db/client";
import { distributorSettings, emailAttachments, emailOutbox } from "@/db/schema";
import { env } from "@/lib/env";
import { getInvoiceDocument } from "@/lib/invoices/document";
import { renderInvoicePdf } from "@/lib/invoices/pdf";
import { OUTBOX_CHANNEL } from "./outbox";

const MAX_ATTEMPTS = 5;

/** What delivery needs of a mail transport (nodemailer's, or a test's). */
export type Mailer = {
  sendMail(mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html?: string;
    attachments?: MailAttachment[];
  }): Promise<unknown>;
};

/** A file as the transport sends it (nodemailer's attachment shape). */
export type MailAttachment = { filename: string; contentType: string; content: Buffer };

let smtp: Mailer | null | undefined;

/** True when SMTP_URL names a mail server; otherwise emails stay in the outbox as `logged`. */
export function mailServerConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

function smtpMailer(): Mailer | null {
  const url = env().SMTP_URL;
  if (smtp === undefined) smtp = url ? nodemailer.createTransport(url) : null;
  return smtp;
}

/**
 * Sends queued emails. Without a mail server they are marked `logged`: kept in the outbox, where admins
 * read them (and the demo and tests follow their links). Failures are retried up to MAX_ATTEMPTS.
 *
 * Several workers may deliver at once: each email is claimed in its own transaction with
 * `FOR UPDATE SKIP LOCKED` and marked before the lock is released, so another worker skips it while it is
 * being sent and no longer selects it afterwards. An email is sent once (unless the process dies between
 * the mail server's answer and the commit).
 */
export async function deliverQueuedEmails(
  db: Db,
  options: { limit?: number; mailer?: Mailer | null } = {},
): Promise<number> {
  const mailer = options.mailer === undefined ? smtpMailer() : options.mailer;
  let from: string | null = null;
  let done = 0;
  // One attempt per email per run: a failed one waits for the next run.
  const tried: string[] = [];
  for (let i = 0; i < (options.limit ?? 20); i++) {
    const outcome = await db.transaction(async (tx) => {
      const [mail] = await tx
        .select()
        .from(emailOutbox)
        .where(
          and(
            eq(emailOutbox.status, "queued"),
            lt(emailOutbox.attempts, MAX_ATTEMPTS),
            tried.length > 0 ? notInArray(emailOutbox.id, tried) : undefined,
          ),
        )
        .orderBy(asc(emailOutbox.createdAt))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!mail) return "none" as const;
      tried.push(mail.id);
      if (!mailer) {
        await tx
          .update(emailOutbox)
          .set({ status: "logged", sentAt: new Date() })
          .where(eq(emailOutbox.id, mail.id));
        return "done" as const;
      }
      from ??= await senderAddress(tx);
      try {
        const attachments = await loadAttachments(tx, mail.id);
        await mailer.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html ?? undefined,
          ...(attachments.length > 0 ? { attachments } : {}),
        });
        await tx
          .update(emailOutbox)
          .set({ status: "sent", sentAt: new Date(), attempts: mail.attempts + 1, lastError: null })
          .where(eq(emailOutbox.id, mail.id));
        return "done" as const;
      } catch (err) {
        const attempts = mail.attempts + 1;
        await tx
          .update(emailOutbox)
          .set({
            attempts,
            status: attempts >= MAX_ATTEMPTS ? "failed" : "queued",
            lastError: err instanceof Error ? err.message.slice(0, 500) : "send failed",
          })
          .where(eq(emailOutbox.id, mail.id));
        return "failed" as const;
      }
    });
    if (outcome === "none") break;
    if (outcome === "done") done++;
  }
  return done;
}

/**
 * An email's files, ready to send. An invoice's PDF is rendered now from the issued invoice (it never
 * changes once issued, so it is the document that was issued); other files carry their bytes.
 */
export async function loadAttachments(db: DbOrTx, emailId: string): Promise<MailAttachment[]> {
  const rows = await db
    .select()
    .from(emailAttachments)
    .where(eq(emailAttachments.emailId, emailId))
    .orderBy(asc(emailAttachments.filename));
  const files: MailAttachment[] = [];
  for (const row of rows) {
    const content = row.invoiceId
      ? await renderInvoicePdf(await getInvoiceDocument(db, row.invoiceId), { locale: "en-US" })
      : row.content;
    if (!content) throw new Error(`Attachment ${row.filename} has no content`);
    files.push({ filename: row.filename, contentType: row.contentType, content });
  }
  return files;
}

async function senderAddress(db: DbOrTx): Promise<string> {
  const configured = env().SMTP_FROM;
  if (configured) return configured;
  const [settings] = await db.select().from(distributorSettings).limit(1);
  return `${settings?.name ?? "Tierline"} <${settings?.supportEmail ?? "no-reply@localhost"}>`;
}

/**
 * Calls `onQueued` whenever a transaction that enqueued an email commits (enqueueEmail NOTIFYs on
 * OUTBOX_CHANNEL). postgres.js keeps the listening connection open and listens again after a reconnect.
 * Returns the function that stops listening.
 */
export async function listenForQueuedEmails(
  sql: postgres.Sql,
  onQueued: () => void,
): Promise<() => Promise<void>> {
  const listening = await sql.listen(OUTBOX_CHANNEL, () => onQueued());
  return () => listening.unlisten();
}
