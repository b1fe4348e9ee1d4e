import { z } from "zod";
import { COUNTRY_CODES } from "@/lib/signup/countries";
import { acronisLoginSchema } from "@/lib/signup/schema";
import { taxIdProblem } from "@/lib/signup/tax-id";
import { singleLine } from "@/lib/validation/text";

const text = (label: string, max: number, min = 1) =>
  singleLine({
    max,
    min,
    requiredMessage: `Enter the ${label}.`,
    maxMessage: `Keep the ${label} under ${max} characters.`,
  });
const optionalText = (max: number) =>
  singleLine({ max, maxMessage: `Keep this under ${max} characters.` })
    .optional()
    .transform((v) => (v ? v : null));

const email = (message: string) => z.string({ error: message }).trim().toLowerCase().email(message).max(200);

export const MAX_BILLING_CONTACTS = 10;

/**
 * "a@x.example, b@y.example" (commas, semicolons, spaces or lines) → a list of distinct, valid emails. Each
 * bad address is named, so the admin sees which one to fix.
 */
export const billingContactsSchema = z
  .string()
  .max(2000, "Too long.")
  .optional()
  .transform((raw, ctx) => {
    const parts = (raw ?? "")
      .split(/[\s,;]+/)
      .map((p) => p.trim().toLowerCase())
      .filter(Boolean);
    const bad = parts.filter((p) => !z.email().safeParse(p).success);
    if (bad.length) {
      ctx.addIssue({
        code: "custom",
        message: `Not a valid email: ${bad.join(", ")}. Separate addresses with commas.`,
      });
      return z.NEVER;
    }
    const unique = [...new Set(parts)];
    if (unique.length > MAX_BILLING_CONTACTS) {
      ctx.addIssue({ code: "custom", message: `At most ${MAX_BILLING_CONTACTS} further contacts.` });
      return z.NEVER;
    }
    return unique;
  });

const country = z
  .string({ error: "Choose the country." })
  .trim()
  .toUpperCase()
  .refine((c) => COUNTRY_CODES.has(c), "Choose the country.");

/** The company and billing fields shared by the edit and create forms. */
const companyShape = {
  name: text("company name", 120, 2),
  legalName: text("legal name", 160, 2),
  addressLine1: text("street address", 160),
  addressLine2: optionalText(160),
  city: text("city", 80),
  postalCode: text("postal code", 20),
  region: optionalText(80),
  country,
  taxId: singleLine({ max: 40, maxMessage: "Keep the tax id under 40 characters." }).optional().default(""),
  billingEmail: email("Enter the billing email."),
  billingContacts: billingContactsSchema,
};

function checkTaxId(v: { country?: unknown; taxId?: unknown }, ctx: z.RefinementCtx) {
  const str = (x: unknown) => (typeof x === "string" ? x : "");
  const problem = taxIdProblem(str(v.country), str(v.taxId));
  if (problem) ctx.addIssue({ code: "custom", path: ["taxId"], message: problem });
}
const always = { when: (p: { value: unknown }) => typeof p.value === "object" && p.value !== null };

/** The tax id's format is checked by `updateResellerDetails` only when it or the country changes. */
export const editResellerSchema = z.object({
  resellerId: z.uuid("Reload the page and try again."),
  ...companyShape,
});
export type EditResellerInput = z.infer<typeof editResellerSchema>;

const reason = singleLine({
  min: 3,
  max: 500,
  requiredMessage: "Say why, in a few words (it goes to the audit log).",
  minMessage: "Say why, in a few words (it goes to the audit log).",
});
const confirmed = z
  .string()
  .optional()
  .transform((v) => v === "yes");

export const PRICE_ADJUSTMENT_KINDS = ["sell_discount", "cost_markup", "cost_margin"] as const;
export type PriceAdjustmentKind = (typeof PRICE_ADJUSTMENT_KINDS)[number];

/** domain.md §2.2: none, or a kind with a percentage (the database checks the range per kind). */
export const priceAdjustmentInputSchema = z
  .object({
    resellerId: z.uuid("Reload the page and try again."),
    kind: z.enum(["none", ...PRICE_ADJUSTMENT_KINDS], { error: "Choose how prices are adjusted." }),
    percent: z.string().trim().optional().default(""),
    reason,
    confirm: confirmed,
  })
  .transform((v, ctx) => {
    if (v.kind === "none") return { ...v, kind: null, percent: null };
    if (!/^\d{1,4}(\.\d{1,4})?$/.test(v.percent)) {
      ctx.addIssue({
        code: "custom",
        path: ["percent"],
        message: "Enter a percentage such as 10 or 12.5 (at most 4 decimals).",
      });
      return z.NEVER;
    }
    return { ...v, kind: v.kind as PriceAdjustmentKind, percent: v.percent };
  });
export type PriceAdjustmentInput = z.infer<typeof priceAdjustmentInputSchema>;

export const rampUpInputSchema = z.object({
  contractId: z.uuid("Reload the page and try again."),
  cycles: z.coerce
    .number({ error: "Enter a number of cycles." })
    .int("Whole cycles only.")
    .min(0, "0 or more.")
    .max(24, "At most 24 cycles."),
  reason,
  confirm: confirmed,
});
export type RampUpInput = z.infer<typeof rampUpInputSchema>;

export const createResellerSchema = z
  .object({
    ...companyShape,
    legalName: optionalText(160),
    currency: z
      .string({ error: "Choose the billing currency." })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, "Choose the billing currency."),
    tier: singleLine({ max: 64, requiredMessage: "Choose a tier." }),
    trial: z
      .string()
      .optional()
      .transform((v) => v === "on"),
    ownerName: text("owner's name", 120),
    ownerEmail: email("Enter the owner's email."),
    acronisLogin: acronisLoginSchema,
  })
  .superRefine(checkTaxId, always);
export type CreateResellerInput = z.infer<typeof createResellerSchema>;
