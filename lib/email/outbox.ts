import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { redactSecrets } from "./one-time-links";

export type OutgoingEmail = {
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
};

/** The channel enqueueEmail notifies; PostgreSQL delivers the notification when the transaction commits. */
export const OUTBOX_CHANNEL = "tierline_email_outbox";

/**
 * Queue an email inside the caller's transaction: it is sent only if the business change commits. The
 * commit also wakes the workers' delivery (NOTIFY), so it goes out within seconds.
 */
export async function enqueueEmail(db: DbOrTx, email: OutgoingEmail): Promise<string> {
  const { secrets = [], ...mail } = email;
  const display = redactSecrets(mail.text, secrets);
  const [row] = await db
    .insert(emailOutbox)
    .values({
      ...mail,
      resellerId: mail.resellerId ?? null,
      displayText: display.text,
      hiddenSecrets: display.hidden,
    })
    .returning({ id: emailOutbox.id });
  await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
  return row!.id;
}
