import { z } from "zod";
import { normalizeBaseUrl } from "@/lib/acronis/config";
import { COUNTRY_CODES } from "@/lib/signup/countries";
import { singleLine } from "@/lib/validation/text";
import { STORAGE_OWNERS } from "./owners";

export { STORAGE_OWNERS, type StorageOwner, storageOwnerLabels } from "./owners";

/** The forms of /admin/acronis, read by the server actions (zod at the boundary). Pure and client-safe. */

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A datacenter URL: http(s), host only (a trailing `/api/2` or slash is dropped), no credentials in it. */
export const baseUrlSchema = z
  .string({ error: "Enter the datacenter's URL." })
  .trim()
  .min(1, "Enter the datacenter's URL.")
  .max(200, "Use at most 200 characters.")
  .refine((v) => {
    try {
      const url = new URL(v);
      return /^https?:$/.test(url.protocol) && !url.username && !url.password && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, "An http(s) address such as https://eu2-cloud.acronis.com, without a path or credentials.")
  .transform((v) => normalizeBaseUrl(new URL(v).origin + new URL(v).pathname))
  .refine((v) => /^https?:\/\/[^/]+$/.test(v), "Only the address of the datacenter, without a path.");

const clientIdSchema = singleLine({ max: 200, requiredMessage: "Enter the API client id." });

/** Never trimmed on its own account beyond whitespace: a secret is what it is. Empty means "keep the stored one". */
const clientSecretSchema = z.preprocess(
  emptyToUndefined,
  singleLine({ max: 500, min: 8, minMessage: "A client secret has at least 8 characters." }).optional(),
);

const nameSchema = singleLine({ max: 80, requiredMessage: "Name the datacenter, e.g. Europe 2." });

/**
 * Add (no id) or edit a datacenter. The environment's datacenter takes only a name (its connection is
 * ACRONIS_*); a stored one needs a URL and client id, and a secret when it is added or its URL changes.
 */
export const saveDatacenterSchema = z.object({
  id: z.preprocess(emptyToUndefined, z.uuid("Unknown datacenter.").optional()),
  name: nameSchema,
  baseUrl: z.preprocess(emptyToUndefined, baseUrlSchema.optional()),
  clientId: z.preprocess(emptyToUndefined, clientIdSchema.optional()),
  clientSecret: clientSecretSchema,
});
export type SaveDatacenterInput = z.infer<typeof saveDatacenterSchema>;

export const datacenterIdSchema = z.object({ id: z.uuid("Unknown datacenter.") });

export const countrySchema = z
  .string({ error: "Choose a country." })
  .trim()
  .toUpperCase()
  .refine((v) => COUNTRY_CODES.has(v), "Choose a country.");

export const countryDatacenterSchema = z.object({
  country: countrySchema,
  datacenterId: z.uuid("Choose a datacenter."),
});
export type CountryDatacenterInput = z.infer<typeof countryDatacenterSchema>;

export const removeCountrySchema = z.object({ country: countrySchema });

/** Staff correct an infrastructure's owner; `confirm=yes` after the server said what it changes. */
export const infrastructureOwnerSchema = z.object({
  datacenterId: z.uuid("Unknown datacenter."),
  infraId: z.uuid("Unknown infrastructure."),
  owner: z.enum(STORAGE_OWNERS, { error: "Choose who owns this storage." }),
  confirm: z
    .string()
    .optional()
    .transform((v) => v === "yes"),
});
export type InfrastructureOwnerInput = z.infer<typeof infrastructureOwnerSchema>;
