import { z } from "zod";

/**
 * The dashboard's URL filters, validated the same way by the pages (searchParams) and the route handlers
 * (query strings). Client-safe: no server imports.
 */
export const monthParam = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Choose a month as YYYY-MM.")
  .optional();

/** Any UUID PostgreSQL accepts (seeded ids are not all RFC 4122 versions). */
export const idParam = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "Not an id.");

export const usageFiltersSchema = z.object({
  month: monthParam,
  customer: idParam.optional(),
  service: z
    .string()
    .regex(/^[a-z0-9_]{1,64}$/, "Unknown service.")
    .optional(),
});

export const dailyQuerySchema = usageFiltersSchema.extend({
  by: z.enum(["customer", "service"]).default("customer"),
});

export type UsageFiltersInput = z.infer<typeof usageFiltersSchema>;

/** Reads filters from a page's searchParams; an invalid value is dropped rather than failing the page. */
export function filtersFromSearchParams(params: Record<string, string | string[] | undefined>) {
  const pick = (key: string) => {
    const value = params[key];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const out: UsageFiltersInput = {};
  for (const key of ["month", "customer", "service"] as const) {
    const value = pick(key);
    if (value === undefined) continue;
    const parsed = usageFiltersSchema.shape[key].safeParse(value);
    if (parsed.success && parsed.data) out[key] = parsed.data;
  }
  return out;
}
