import type { Role } from "@/lib/auth/permissions";

/** A link that carries a single-use secret (password reset, email verification): `…?token=…`. */
const ONE_TIME_LINK = /https?:\/\/[^\s]*[?&]token=[^\s]*/g;

export const HIDDEN_LINK = "[one-time link hidden]";

/**
 * Whether a back-office reader may see the one-time links of outbox emails: only the distributor admin,
 * and only while no mail server is configured (no SMTP_URL, as in the demo and the tests), when the outbox
 * is the only copy an email will ever have — whatever its status, queued or logged. With a mail server the
 * links belong to their recipients; finance and support never see them (a password reset link is the
 * account).
 */
export function mayReadOneTimeLinks(role: Role, mailServerConfigured: boolean): boolean {
  return role === "admin" && !mailServerConfigured;
}

/** The email text with every one-time link replaced by HIDDEN_LINK, and how many were hidden. */
export function hideOneTimeLinks(text: string): { text: string; hidden: number } {
  let hidden = 0;
  const redacted = text.replace(ONE_TIME_LINK, () => {
    hidden += 1;
    return HIDDEN_LINK;
  });
  return { text: redacted, hidden };
}
