import { z } from "zod";

/** A stored rate fits numeric(24,10): up to 14 whole digits and 10 decimals. */
export const RATE_PATTERN = /^\d{1,14}(\.\d{1,10})?$/;

export function isValidIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

const currency = (label: string) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, `Enter the ${label} currency as a 3-letter code (EUR).`);

export const rateValue = z
  .string()
  .trim()
  .regex(RATE_PATTERN, "Enter a number like 1.0543 (at most 10 decimals).")
  .refine((v) => !/^0+(\.0+)?$/.test(v), "A rate must be above 0.");

export const rateDate = z.string().trim().refine(isValidIsoDate, "Enter a date as YYYY-MM-DD.");

const source = z
  .string()
  .trim()
  .min(1, "Say where the rate comes from (ECB, bank, manual).")
  .max(60, "At most 60 characters.");

/** `confirmed` is "1" on the second submit, after the person saw what the change does. */
const confirmed = z
  .string()
  .optional()
  .transform((v) => v === "1");

export const addRateSchema = z
  .object({
    from: currency("from"),
    to: currency("to"),
    date: rateDate,
    rate: rateValue,
    source,
    confirmed,
  })
  .refine((v) => v.from !== v.to, { path: ["to"], message: "Choose two different currencies." });

export const correctRateSchema = z.object({
  id: z.uuid("Unknown rate."),
  rate: rateValue,
  source,
  confirmed,
});

export const deleteRateSchema = z.object({ id: z.uuid("Unknown rate."), confirmed });

export const importSchema = z.object({
  csv: z
    .string()
    .trim()
    .min(1, "Paste the ECB's CSV or choose the file.")
    .max(1_000_000, "The file is too large: import at most about three years at a time."),
  /** The preview's fingerprint: applying refuses when the plan changed since it was shown. */
  fingerprint: z.string().optional(),
});

export type AddRateInput = z.infer<typeof addRateSchema>;
export type CorrectRateInput = z.infer<typeof correctRateSchema>;
