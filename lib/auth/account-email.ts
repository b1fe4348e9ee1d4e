import { z } from "zod";

/**
 * The email of an existing account, as typed into sign-in, reset and resend: trimmed and lower-cased, one
 * `@` with something on both sides. Looser than a sign-up's address check on purpose: an install's first
 * admin may be `admin@localhost` (no dot), and these forms only look an account up.
 */
export const ACCOUNT_EMAIL = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+$/u;

export const accountEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Enter a valid email address.")
  .regex(ACCOUNT_EMAIL, "Enter a valid email address.");
