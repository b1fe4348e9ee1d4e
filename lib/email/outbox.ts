import "server-only";
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

/** Queue an email inside the caller's transaction: it is sent only if the business change commits. */
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
  return row!.id;
}
