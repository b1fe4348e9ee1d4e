import "server-only";
import type { DbOrTx } from "@/db/client";
import { emailOutbox } from "@/db/schema";

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  template: string;
  resellerId?: string | null;
};

/** Queue an email inside the caller's transaction: it is sent only if the business change commits. */
export async function enqueueEmail(db: DbOrTx, email: OutgoingEmail): Promise<string> {
  const [row] = await db
    .insert(emailOutbox)
    .values({ ...email, resellerId: email.resellerId ?? null })
    .returning({ id: emailOutbox.id });
  return row!.id;
}
