import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { decryptSecret, encryptSecret, secretsKeyFromEnv } from "@/lib/security/secrets";

/**
 * TOTP secrets at rest: encrypted with lib/security/secrets under TIERLINE_SECRETS_KEY, bound to the user
 * (a ciphertext copied onto another user's row does not decrypt).
 */
const context = (userId: string) => `user:${userId}:totp`;

/** Whether secrets can be stored here at all (production without TIERLINE_SECRETS_KEY cannot). */
export function isTwoFactorAvailable(): boolean {
  return secretsKeyFromEnv() !== null;
}

export const UNAVAILABLE_MESSAGE =
  "Two-factor sign-in is not available yet: the operator must set TIERLINE_SECRETS_KEY (32 bytes, base64 or hex) on every Tierline process.";

export function encryptTotpSecret(userId: string, secret: string): string {
  const key = secretsKeyFromEnv();
  if (!key) throw new AppError("conflict", UNAVAILABLE_MESSAGE);
  return encryptSecret(secret, key, context(userId));
}

/** The secret, or throws (no key: AppError; wrong key or altered value: SecretDecryptError). */
export function decryptTotpSecret(userId: string, stored: string): string {
  const key = secretsKeyFromEnv();
  if (!key) throw new AppError("conflict", UNAVAILABLE_MESSAGE);
  return decryptSecret(stored, key, context(userId));
}
