const KEY_BYTES = 32;

/**
 * TIERLINE_SECRETS_KEY's bytes: 32 bytes written as 64 hex digits or as base64 / base64url (43 characters,
 * optional `=`); null for anything else. Pure and import-free, so lib/env.ts validates with it too.
 */
export function decodeSecretsKey(text: string): Buffer | null {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const bytes = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    return bytes.length === KEY_BYTES ? bytes : null;
  }
  return null;
}
