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
  .refine((p) => !/^(.)\1+$/.test(p), "Avoid repeating one character.")
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), "This password is too common; choose another.");

// The most used passwords that would pass the rules above (breach-corpus top lists).
const COMMON_PASSWORDS = new Set([
  "password123",
  "password1234",
  "password12345",
  "passw0rd123",
  "qwerty12345",
  "qwerty123456",
  "qwertyuiop1",
  "1q2w3e4r5t",
  "1qaz2wsx3edc",
  "abcd123456",
  "abc1234567",
  "iloveyou123",
  "welcome123",
  "welcome1234",
  "letmein1234",
  "admin12345",
  "administrator1",
  "changeme123",
  "sunshine123",
  "football123",
  "monkey12345",
  "dragon12345",
  "p@ssw0rd123",
  "p@ssword123",
  "trustno1234",
  "summer2026!",
  "winter2026!",
  "spring2026!",
  "autumn2026!",
]);
