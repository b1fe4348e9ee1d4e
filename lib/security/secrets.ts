import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { decodeSecretsKey } from "./secrets-key";

export { decodeSecretsKey };

/**
 * Secrets kept in the database (an Acronis datacenter's API client secret), encrypted with AES-256-GCM under
 * TIERLINE_SECRETS_KEY: node:crypto does it, so no dependency is added. GCM authenticates as well as hides, so
 * a wrong key or an altered value fails to decrypt instead of yielding garbage. The stored text is versioned
 * (`v1:<iv>:<tag>:<ciphertext>`, base64url) so a later format or key can sit beside this one.
 */
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Why a stored secret could not be read; its message never contains the secret or the key. */
export class SecretDecryptError extends Error {
  readonly reason: "malformed" | "wrong_key";
  constructor(reason: "malformed" | "wrong_key") {
    super(
      reason === "malformed"
        ? "The stored secret is not in a format Tierline reads."
        : "The stored secret could not be decrypted: TIERLINE_SECRETS_KEY is not the key it was stored with.",
    );
    this.name = "SecretDecryptError";
    this.reason = reason;
  }
}

/** The key from the environment, or null when TIERLINE_SECRETS_KEY is not set (env() has checked its form). */
export function secretsKeyFromEnv(): Buffer | null {
  const configured = env().TIERLINE_SECRETS_KEY;
  return configured ? decodeSecretsKey(configured) : null;
}

/**
 * Encrypts `plaintext`. `context` (e.g. the row the secret belongs to) is authenticated but not stored: the
 * value decrypts only with the same context, so a ciphertext copied onto another row is refused.
 */
export function encryptSecret(plaintext: string, key: Buffer, context = ""): string {
  if (key.length !== KEY_BYTES) throw new Error("The secrets key must be 32 bytes.");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(":");
}

/** The plaintext of an `encryptSecret` value; throws SecretDecryptError (without the secret) when it can't. */
export function decryptSecret(stored: string, key: Buffer, context = ""): string {
  const parts = stored.split(":");
  const b64url = /^[A-Za-z0-9_-]*$/;
  if (parts.length !== 4 || parts[0] !== VERSION || !parts.slice(1).every((p) => b64url.test(p)))
    throw new SecretDecryptError("malformed");
  const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, "base64url")) as [
    Buffer,
    Buffer,
    Buffer,
  ];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptError("malformed");
  if (key.length !== KEY_BYTES) throw new SecretDecryptError("wrong_key");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    // GCM cannot tell a wrong key from an altered value; the key is by far the likelier cause.
    throw new SecretDecryptError("wrong_key");
  }
}

/** A new random key as base64url, for the demo's generated key file (lib/runtime/boot.ts). */
export function generateSecretsKey(): string {
  return randomBytes(KEY_BYTES).toString("base64url");
}
