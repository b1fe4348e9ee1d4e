import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { distributorSettings } from "@/db/schema";
import { enqueueEmail } from "@/lib/email/outbox";

export type SecurityNotice =
  | { kind: "two_factor_enabled" }
  | { kind: "two_factor_disabled" }
  | { kind: "recovery_codes_regenerated" }
  | { kind: "recovery_code_used"; codesLeft: number }
  /** Someone else (the owner, the distributor's administrator) took it off the account. */
  | { kind: "two_factor_reset"; by: string; mustEnrolAgain: boolean };

const what: Record<Exclude<SecurityNotice["kind"], "two_factor_reset">, { subject: string; body: string }> = {
  two_factor_enabled: {
    subject: "Two-factor sign-in is on",
    body: "two-factor sign-in was turned on for your account. From now on, signing in asks for a code from your authenticator app after your password.",
  },
  two_factor_disabled: {
    subject: "Two-factor sign-in was turned off",
    body: "two-factor sign-in was turned off for your account. Signing in now needs only your password.",
  },
  recovery_codes_regenerated: {
    subject: "New recovery codes",
    body: "new recovery codes were made for your account; the old ones no longer work.",
  },
  recovery_code_used: {
    subject: "A recovery code was used",
    body: "one of your recovery codes was used to confirm a sign-in or a change to your account.",
  },
};

/**
 * Emails the user about a change to how their account is protected, in the caller's transaction (sent only
 * if the change commits). No links: the message says what happened and what to do if it was not them.
 */
export async function sendSecurityNotice(
  db: DbOrTx,
  user: { email: string; name: string; resellerId: string | null },
  notice: SecurityNotice,
  at: Date,
): Promise<void> {
  const [settings] = await db
    .select({ name: distributorSettings.name, supportEmail: distributorSettings.supportEmail })
    .from(distributorSettings)
    .where(eq(distributorSettings.id, 1));
  const brand = settings?.name ?? "Tierline";
  const { subject, body } =
    notice.kind === "two_factor_reset"
      ? {
          subject: "Two-factor sign-in was reset",
          body: `${notice.by} reset two-factor sign-in for your account: your authenticator key and recovery codes no longer work, and you were signed out everywhere. Signing in now needs only your password${notice.mustEnrolAgain ? "; you will be asked to set up two-factor sign-in again as soon as you sign in" : ". Set it up again under Sign-in security in your account menu"}.`,
        }
      : what[notice.kind];
  const left =
    notice.kind === "recovery_code_used"
      ? `\n\nRecovery codes left: ${notice.codesLeft}.${notice.codesLeft <= 3 ? " Make new ones under Sign-in security in your account menu." : ""}`
      : "";
  const contact = settings?.supportEmail ? ` and tell ${settings.supportEmail}` : "";
  await enqueueEmail(db, {
    to: user.email,
    subject: `${brand}: ${subject.toLowerCase()}`,
    text: `Hello ${user.name},\n\nOn ${at.toUTCString()}, ${body}${left}\n\nIf this was not you, reset your password from the ${brand} sign-in page at once${contact}.\n\n${brand}`,
    template: notice.kind,
    resellerId: user.resellerId,
  });
}
