import { z } from "zod";
import { type ApiKeyScope, createApiKeySchema } from "@/lib/api-keys/keys";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written as YYYY-MM-DD (2027-02-31 is not one). */
function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value;
}

/**
 * The create form as createApiKeySchema's input. One checkbox per scope (`scopeRead`, `scopeWrite`): the
 * action wrapper refuses a field sent twice, so the scopes cannot share one name. The optional expiry is a
 * day; the key stops working at its start (00:00 UTC), so "today" is refused as in the past.
 */
export const apiKeyFormSchema = z
  .object({
    name: z.string({ error: "Name the key (what uses it)." }),
    scopeRead: z.literal("on").optional(),
    scopeWrite: z.literal("on").optional(),
    expiresAt: z
      .string()
      .optional()
      .refine((v) => !v || isDay(v), "Enter a date such as 2027-01-31."),
  })
  .transform(
    (form): z.input<typeof createApiKeySchema> => ({
      name: form.name,
      scopes: [
        ...(form.scopeRead ? (["read"] as const) : []),
        ...(form.scopeWrite ? (["write"] as const) : []),
      ] satisfies ApiKeyScope[],
      expiresAt: form.expiresAt ? `${form.expiresAt}T00:00:00Z` : undefined,
    }),
  )
  .pipe(createApiKeySchema);

export const revokeApiKeyFormSchema = z.object({ id: z.uuid({ error: "No such API key." }) });
