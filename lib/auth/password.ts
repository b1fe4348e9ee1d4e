import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

// argon2id with OWASP's recommended minimums (19 MiB, 2 iterations).
const options = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Shared by sign-up, reset and user admin: long enough, not trivially guessable. */
export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.")
  .refine((p) => /[a-zA-Z]/.test(p) && /[^a-zA-Z]/.test(p), "Mix letters with digits or symbols.")
  .refine((p) => !/^(.)\1+$/.test(p), "Avoid repeating one character.");
