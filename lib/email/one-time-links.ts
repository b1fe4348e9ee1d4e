import type { Role } from "@/lib/auth/permissions";

/** A link that carries a single-use secret (password reset, email verification): `…?token=…`. */
const ONE_TIME_LINK = /https?:\/\/[^\s]*[?&]token=[^\s]*/g;

export const HIDDEN_LINK = "[one-time link hidden]";

/**
 * Whether a back-office reader may see the one-time links of an outbox email. Only the distributor admin,
 * and only for an email that was never delivered (status `logged`: no SMTP_URL, as in the demo and the
 * tests, where the outbox is the only copy). A delivered email's links belong to its recipient; finance and
 * support never see them (a password reset link is the account).
 */
export function mayReadOneTimeLinks(role: Role, status: string): boolean {
  return role === "admin" && status === "logged";
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
