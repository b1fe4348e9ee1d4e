import { z } from "zod";
import { dec } from "@/lib/billing/money";
import { COUNTRY_CODES } from "@/lib/signup/countries";

const RATE = /^\d{1,3}(\.\d{1,4})?$/;

/** A tax rate as typed: 0–100 with up to 4 decimals; a decimal comma is read as a point. Kept a string (exact). */
export const ratePercentSchema = z
  .string({ error: "Enter a rate." })
  .trim()
  .min(1, "Enter a rate.")
  .transform((v) => v.replace(",", ".").replace(/%$/, "").trim())
  .refine(
    (v) => RATE.test(v) && dec(v).lte(100),
    "A number from 0 to 100, with at most 4 decimals (e.g. 19 or 25.5).",
  )
  // The shortest exact form: "19.50" → "19.5".
  .transform((v) => dec(v).toString());

export const countrySchema = z
  .string({ error: "Choose a country." })
  .trim()
  .toUpperCase()
  .refine((v) => COUNTRY_CODES.has(v), "Choose a country.");

/** The add / edit form of a tax table row. */
export const taxRateSchema = z.object({
  mode: z.enum(["create", "update"]).default("create"),
  country: countrySchema,
  ratePercent: ratePercentSchema,
  label: z.string().trim().max(80, "At most 80 characters.").default(""),
});
export type TaxRateInput = z.infer<typeof taxRateSchema>;

export const deleteTaxRateSchema = z.object({ country: countrySchema });

/** A reseller's own rate, changed on the reseller page (the form fields of `changeResellerTaxRate`). */
export const resellerTaxRateSchema = z.object({
  resellerId: z.uuid("Unknown reseller."),
  ratePercent: ratePercentSchema,
  reverseCharge: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "true"),
  reason: z
    .string({ error: "Say why the rate changes." })
    .trim()
    .min(3, "Say why the rate changes.")
    .max(500),
});
export type ResellerTaxRateInput = z.infer<typeof resellerTaxRateSchema>;
