/**
 * Validation of the storefront estimator's input, shared by the browser (instant field errors) and
 * `POST /api/estimate` (the authority). Pure: zod only, safe in a client bundle.
 */
import { z } from "zod";

/** Ceilings that keep a public endpoint's arithmetic small; far above any reseller's month. */
export const MAX_WORKLOADS = 100_000;
export const MAX_GB = 10_000_000;

/** How the estimator asks for a SKU: whole counts, or a decimal amount (GB after the bytes divisor). */
export type EstimateField = { code: string; name: string; unit: string; kind: "count" | "amount" };

/** A SKU counted in whole units when its counter is not scaled (divisor 1); else an amount, like GB. */
export function fieldKind(divisor: string): EstimateField["kind"] {
  return Number(divisor) === 1 ? "count" : "amount";
}

const COUNT = /^\d+$/;
const AMOUNT = /^\d+(\.\d{1,4})?$/;

/** One field's value: trimmed, empty means 0, a JSON number is read as its decimal text. */
const raw = z
  .union([z.string(), z.number()])
  .optional()
  .transform((value) => (value === undefined ? "" : String(value).trim()));

export function validateQuantity(
  field: EstimateField,
  value: unknown,
): { value: string } | { error: string } {
  const parsed = raw.safeParse(value);
  if (!parsed.success) return { error: "Enter a number." };
  const text = parsed.data === "" ? "0" : parsed.data;
  if (field.kind === "count") {
    if (!COUNT.test(text)) return { error: `Enter a whole number of ${field.unit}s, 0 or more.` };
    if (Number(text) > MAX_WORKLOADS)
      return { error: `Enter at most ${MAX_WORKLOADS.toLocaleString("en-US")}.` };
  } else {
    if (!AMOUNT.test(text))
      return { error: `Enter an amount in ${field.unit}, 0 or more, with at most 4 decimals.` };
    if (Number(text) > MAX_GB)
      return { error: `Enter at most ${MAX_GB.toLocaleString("en-US")} ${field.unit}.` };
  }
  // Canonical decimal text: "007" → "7", "1.50" stays exact for the engine.
  return { value: text.replace(/^0+(?=\d)/, "") };
}

export type QuantitiesResult =
  | { ok: true; quantities: Record<string, string> }
  | { ok: false; fieldErrors: Record<string, string[]> };

/** Every field's value, or every field's error; keys that are not fields are refused too. */
export function validateQuantities(
  fields: readonly EstimateField[],
  values: Record<string, unknown>,
): QuantitiesResult {
  const quantities: Record<string, string> = {};
  const fieldErrors: Record<string, string[]> = {};
  for (const field of fields) {
    const result = validateQuantity(field, values[field.code]);
    if ("error" in result) fieldErrors[field.code] = [result.error];
    else quantities[field.code] = result.value;
  }
  for (const key of Object.keys(values)) {
    if (!fields.some((f) => f.code === key)) fieldErrors[key] = ["Not an item of the estimator."];
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, quantities };
}

/** The body of `POST /api/estimate`. */
export const estimateRequestSchema = z.object({
  currency: z
    .string()
    .trim()
    .transform((c) => c.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{3}$/, "Expected a currency code such as EUR")),
  quantities: z.record(z.string().max(64), z.unknown()).refine((q) => Object.keys(q).length <= 50, {
    message: "Too many items",
  }),
});
