import { z } from "zod";
import { isPeriod } from "@/lib/billing/dates";
import { lastClosedPeriod, shiftPeriod } from "@/lib/invoices/periods";

/** The margin report's filters, all in the URL so a view can be bookmarked and shared. */
export type MarginFilters = {
  from: string;
  to: string;
  resellerId: string | null;
  currency: string | null;
  view: "reseller" | "service";
};

export const DEFAULT_MONTHS = 12;
export const MAX_MONTHS = 60;

const period = z
  .string()
  .trim()
  .refine((v) => isPeriod(v), "a month YYYY-MM");
const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const schema = z.object({
  from: z.preprocess(one, period.optional().catch(undefined)),
  to: z.preprocess(one, period.optional().catch(undefined)),
  reseller: z.preprocess(one, z.uuid().optional().catch(undefined)),
  currency: z.preprocess(
    one,
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/)
      .optional()
      .catch(undefined),
  ),
  view: z.preprocess(one, z.enum(["reseller", "service"]).optional().catch(undefined)),
});

/**
 * Reads the URL's filters. A value that does not parse is dropped (its default applies), never an error
 * page: by default the last twelve closed months; `from` after `to` is swapped; the range is capped.
 */
export function parseMarginFilters(params: Record<string, unknown>, today: string): MarginFilters {
  const parsed = schema.parse(params);
  const lastClosed = lastClosedPeriod(today);
  let to = parsed.to ?? (parsed.from && parsed.from > lastClosed ? parsed.from : lastClosed);
  let from = parsed.from ?? shiftPeriod(to, -(DEFAULT_MONTHS - 1));
  if (from > to) [from, to] = [to, from];
  if (shiftPeriod(from, MAX_MONTHS - 1) < to) from = shiftPeriod(to, -(MAX_MONTHS - 1));
  return {
    from,
    to,
    resellerId: parsed.reseller ?? null,
    currency: parsed.currency ?? null,
    view: parsed.view ?? "reseller",
  };
}

/** The query string of a set of filters (defaults included, so the CSV link says exactly what it holds). */
export function marginQuery(filters: MarginFilters, change: Partial<MarginFilters> = {}): string {
  const f = { ...filters, ...change };
  const params = new URLSearchParams({ from: f.from, to: f.to });
  if (f.resellerId) params.set("reseller", f.resellerId);
  if (f.currency) params.set("currency", f.currency);
  if (f.view !== "reseller") params.set("view", f.view);
  return params.toString();
}
