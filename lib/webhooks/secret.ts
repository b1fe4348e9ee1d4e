import "server-only";
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { decryptSecret, encryptSecret, secretsKeyFromEnv } from "@/lib/security/secrets";

/**
 * An endpoint's signing secret: Standard Webhooks' `whsec_` + base64 of 32 random bytes (the library signs
 * with the decoded bytes). Stored encrypted with TIERLINE_SECRETS_KEY and bound to its endpoint row, so a
 * ciphertext copied onto another endpoint does not decrypt.
 */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

const context = (endpointId: string) => `webhook_endpoints:${endpointId}:secret`;

function requireKey(): Buffer {
  const key = secretsKeyFromEnv();
  if (!key)
    throw new AppError(
      "conflict",
      "Webhook secrets are stored encrypted and need TIERLINE_SECRETS_KEY (32 bytes, base64 or hex) in the environment of every Tierline process. Set it and restart.",
    );
  return key;
}

export function encryptWebhookSecret(endpointId: string, secret: string): string {
  return encryptSecret(secret, requireKey(), context(endpointId));
}

export function decryptWebhookSecret(endpointId: string, stored: string): string {
  return decryptSecret(stored, requireKey(), context(endpointId));
}
