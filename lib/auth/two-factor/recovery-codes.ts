import { createHash, randomInt } from "node:crypto";

/**
 * Recovery codes: ten per user, shown once, stored as SHA-256 (they are long random strings, so a fast hash
 * is enough; a leaked table reveals no usable code). Letters and digits without look-alikes (0/o, 1/l/i),
 * ten characters (about 50 bits) shown as `xxxxx-xxxxx`. Pure apart from the random source.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const LENGTH = 10;

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    let code = "";
    for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
    codes.add(`${code.slice(0, 5)}-${code.slice(5)}`);
  }
  return [...codes];
}

/** What was typed, without spaces, dashes or case: "ABCDE-fghjk " → "abcdefghjk". */
export function normaliseRecoveryCode(input: string): string {
  return input.replace(/[\s-]+/g, "").toLowerCase();
}

export function isRecoveryCodeShape(input: string): boolean {
  return new RegExp(`^[${ALPHABET}]{${LENGTH}}$`).test(normaliseRecoveryCode(input));
}

export function hashRecoveryCode(input: string): string {
  return createHash("sha256").update(normaliseRecoveryCode(input)).digest("hex");
}
