import "server-only";
import { and, asc, eq, lt } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "@/db/client";
import { distributorSettings, emailOutbox } from "@/db/schema";

const MAX_ATTEMPTS = 5;
let transporter: Transporter | null | undefined;

/** True when SMTP_URL names a mail server; otherwise emails stay in the outbox as `logged`. */
export function mailServerConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

function getTransporter(): Transporter | null {
  if (transporter === undefined)
    transporter = mailServerConfigured() ? nodemailer.createTransport(process.env.SMTP_URL as string) : null;
  return transporter;
}

/**
 * Sends queued emails. Without SMTP_URL they are marked `logged`: kept in the outbox, where admins read
 * them (and the demo and tests follow their links). Failures are retried up to MAX_ATTEMPTS.
 */
export async function deliverQueuedEmails(db: Db, limit = 20): Promise<number> {
  const queued = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, "queued"), lt(emailOutbox.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(emailOutbox.createdAt))
    .limit(limit);
  if (queued.length === 0) return 0;
  const mailer = getTransporter();
  const [settings] = await db.select().from(distributorSettings).limit(1);
  const from =
    process.env.SMTP_FROM ??
    `${settings?.name ?? "Tierline"} <${settings?.supportEmail ?? "no-reply@localhost"}>`;
  let done = 0;
  for (const mail of queued) {
    if (!mailer) {
      await db
        .update(emailOutbox)
        .set({ status: "logged", sentAt: new Date() })
        .where(eq(emailOutbox.id, mail.id));
      done++;
      continue;
    }
    try {
      await mailer.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
      });
      await db
        .update(emailOutbox)
        .set({ status: "sent", sentAt: new Date(), attempts: mail.attempts + 1, lastError: null })
        .where(eq(emailOutbox.id, mail.id));
      done++;
    } catch (err) {
      const attempts = mail.attempts + 1;
      await db
        .update(emailOutbox)
        .set({
          attempts,
          status: attempts >= MAX_ATTEMPTS ? "failed" : "queued",
          lastError: err instanceof Error ? err.message.slice(0, 500) : "send failed",
        })
        .where(eq(emailOutbox.id, mail.id));
    }
  }
  return done;
}
