import { Secret, TOTP } from "otpauth";

/**
 * TOTP as RFC 6238 and every authenticator app expect it: SHA-1, six digits, 30-second steps, and one step
 * either side accepted for clock drift. Pure (otpauth does the HMAC); the time is always passed in.
 */
export const TOTP_ALGORITHM = "SHA1";
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_WINDOW = 1;

/** A new shared secret: 160 random bits (RFC 4226's recommended length), as base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, account = "", issuer = ""): TOTP {
  return new TOTP({
    issuer,
    label: account,
    issuerInLabel: Boolean(issuer),
    secret: Secret.fromBase32(secretBase32),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}

/** The `otpauth://totp/…` URI an authenticator app reads from the QR code. */
export function otpauthUri(secretBase32: string, account: string, issuer: string): string {
  return totp(secretBase32, account, issuer).toString();
}

/** The 30-second step `at` falls in (the counter of RFC 6238). */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code of `at`'s step (tests and the e2e spec compute codes the way an app does). */
export function totpCode(secretBase32: string, at: Date): string {
  return totp(secretBase32).generate({ timestamp: at.getTime() });
}

/** Six digits, spaces allowed ("123 456"), as apps show them. */
export function isTotpCodeShape(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s+/g, ""));
}

/**
 * The step a code belongs to when it is valid at `at` (this step or one either side), else null. The caller
 * refuses a step at or below the last one used, so a code is accepted once.
 */
export function matchTotp(secretBase32: string, code: string, at: Date): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secretBase32).validate({ token, timestamp: at.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : totpStep(at) + delta;
}

/** The secret as people type it: groups of four. */
export function formatManualKey(secretBase32: string): string {
  return secretBase32.replace(/(.{4})(?=.)/g, "$1 ");
}
