import { z } from "zod";
import { passwordSchema } from "@/lib/auth/password";
import { singleLine } from "@/lib/validation/text";
import { COUNTRY_CODES } from "./countries";
import { taxIdProblem } from "./tax-id";

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
    .transform((v) => (v ? v : undefined));
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "1" || v === "true");

/** Acronis logins: letters, digits and . _ - @, starting with a letter or digit (acronis-api.md §8.1). */
export const acronisLoginSchema = z
  .string({ error: "Choose a login for the Acronis console." })
  .trim()
  .min(3, "Use at least 3 characters.")
  .max(64, "Use at most 64 characters.")
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9._@-]*$/,
    "Use letters, digits and . _ - @, starting with a letter or digit.",
  );

/** Everything the sign-up form sends; checks that need the database (currency, tier, taken) come after. */
export const signupSchema = z
  .object({
    requestKey: z.uuid("Reload the page and try again."),
    companyName: text("company name", 120, 2),
    legalName: optionalText(160),
    addressLine1: text("street address", 160),
    addressLine2: optionalText(160),
    city: text("city", 80),
    postalCode: text("postal code", 20),
    region: optionalText(80),
    country: z
      .string({ error: "Choose the country." })
      .refine((c) => COUNTRY_CODES.has(c), "Choose the country."),
    taxId: singleLine({ max: 40, maxMessage: "Keep the tax id under 40 characters." }).optional().default(""),
    currency: z
      .string({ error: "Choose the billing currency." })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, "Choose the billing currency."),
    adminName: singleLine({
      max: 120,
      requiredMessage: "Enter your name.",
      maxMessage: "Keep your name under 120 characters.",
    }),
    email: z
      .string({ error: "Enter your work email." })
      .trim()
      .toLowerCase()
      .email("Enter a valid email address.")
      .max(200),
    password: passwordSchema,
    acronisLogin: acronisLoginSchema,
    tier: singleLine({ max: 64, requiredMessage: "Choose a plan." }),
    trial: checkbox,
    rampUpCycles: z
      .string()
      .optional()
      .transform((v) => (v === undefined || v === "" ? undefined : Number(v)))
      .pipe(z.number().int("Choose a ramp-up.").min(0, "Choose a ramp-up.").optional()),
    acceptTerms: checkbox.refine((v) => v, "Accept the terms to continue."),
    termsVersion: singleLine({ max: 40, min: 1 }),
  })
  // Cross-field checks run even when other fields failed, so every message shows on the first submit.
  .superRefine(
    (v, ctx) => {
      const str = (x: unknown) => (typeof x === "string" ? x : "");
      const problem = taxIdProblem(str(v.country), str(v.taxId));
      if (problem) ctx.addIssue({ code: "custom", path: ["taxId"], message: problem });
      const local = str(v.email).trim().toLowerCase().split("@")[0] ?? "";
      if (local.length >= 4 && str(v.password).toLowerCase().includes(local)) {
        ctx.addIssue({
          code: "custom",
          path: ["password"],
          message: "Don't use your email address in the password.",
        });
      }
      if (v.trial && v.rampUpCycles) {
        ctx.addIssue({
          code: "custom",
          path: ["rampUpCycles"],
          message: "A trial has no ramp-up; you choose it when the trial converts.",
        });
      }
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );

export type SignupInput = z.infer<typeof signupSchema>;
