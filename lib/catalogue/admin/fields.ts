import { z } from "zod";
import { singleLine } from "@/lib/validation/text";

/** A form checkbox: "on" when ticked, absent otherwise. */
export const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

/** A whole number typed in a form; an empty field is an error, not 0. */
export function wholeNumber(label: string, min: number, max: number) {
  return z
    .string({ error: `Enter ${label}.` })
    .trim()
    .regex(/^-?\d{1,9}$/, `Enter ${label} as a whole number.`)
    .transform(Number)
    .pipe(z.number().min(min, `At least ${min}.`).max(max, `At most ${max}.`));
}

/** An exact decimal with up to 4 decimals, kept as a string (never a float). */
export function decimal(label: string, options: { positive?: boolean } = {}) {
  return z
    .string({ error: `Enter ${label}.` })
    .trim()
    .regex(
      /^\d{1,14}(\.\d{1,4})?$/,
      `Enter ${label} as a number with up to 4 decimals, like 1073741824 or 0.5.`,
    )
    .refine((v) => !options.positive || /[1-9]/.test(v), "Must be greater than 0.");
}

/** A tier code: what contracts, invoices and sign-up links name the tier by. */
export const tierCode = z
  .string({ error: "Enter a code." })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,19}$/, "Use 1–20 capital letters, digits, - or _ (like T6).");

export const displayName = (what: string) =>
  singleLine({ max: 60, requiredMessage: `Enter the ${what}'s name.`, maxMessage: "At most 60 characters." });
