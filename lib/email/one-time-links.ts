import type { Role } from "@/lib/auth/permissions";

/** What the back office shows in place of a single-use secret (a reset or verification token). */
export const HIDDEN_SECRET = "[one-time token hidden]";

/**
 * Whether a back-office reader may see the single-use secrets of outbox emails: only the distributor admin,
 * only in demo mode, and only while no mail server is configured — when the outbox is the only copy an
 * email will ever have. Finance and support never see them: a password reset link is the account.
 */
export function mayReadOneTimeLinks(
  role: Role,
  options: { demo: boolean; mailServerConfigured: boolean },
): boolean {
  return role === "admin" && options.demo && !options.mailServerConfigured;
}

/**
 * The email text with every occurrence of each secret replaced by HIDDEN_SECRET, and how many were hidden.
 * The sender names its secrets (the tokens it minted), so the redaction does not depend on how the link
 * around a token looks (scheme, host, parameter name).
 */
export function redactSecrets(text: string, secrets: readonly string[]): { text: string; hidden: number } {
  let hidden = 0;
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 8) throw new Error("A secret to redact must be at least 8 characters long.");
    const parts = out.split(secret);
    hidden += parts.length - 1;
    out = parts.join(HIDDEN_SECRET);
  }
  return { text: out, hidden };
}
