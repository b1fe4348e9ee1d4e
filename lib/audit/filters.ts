import { z } from "zod";
import { addDays, isIsoDate } from "@/lib/billing/dates";

/** The audit log's filters, all in the URL. */
export type AuditFilters = {
  /** A user's id, or the label of an actor without a user (e.g. "system"). */
  actor: string | null;
  /** An action key (`invoice.paid`) or an entity type (`invoice`). */
  kind: string | null;
  /** Inclusive UTC days. */
  from: string | null;
  to: string | null;
  /** Keyset pagination: entries older than this id. */
  before: number | null;
};

const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const text = (max: number) =>
  z.preprocess(one, z.string().trim().min(1).max(max).optional().catch(undefined));
const day = z.preprocess(
  one,
  z
    .string()
    .trim()
    .refine((v) => isIsoDate(v))
    .optional()
    .catch(undefined),
);

const schema = z.object({
  actor: text(200),
  kind: text(100),
  from: day,
  to: day,
  before: z.preprocess(one, z.coerce.number().int().positive().optional().catch(undefined)),
});

/** Reads the URL's filters; a value that does not parse is dropped rather than failing the page. */
export function parseAuditFilters(params: Record<string, unknown>): AuditFilters {
  const p = schema.parse(params);
  let from = p.from ?? null;
  let to = p.to ?? null;
  if (from && to && from > to) [from, to] = [to, from];
  return { actor: p.actor ?? null, kind: p.kind ?? null, from, to, before: p.before ?? null };
}

/** The query string of a set of filters, with changes (null removes a filter). */
export function auditQuery(filters: AuditFilters, change: Partial<AuditFilters> = {}): string {
  const f = { ...filters, ...change };
  const params = new URLSearchParams();
  if (f.actor) params.set("actor", f.actor);
  if (f.kind) params.set("kind", f.kind);
  if (f.from) params.set("from", f.from);
  if (f.to) params.set("to", f.to);
  if (f.before) params.set("before", String(f.before));
  return params.toString();
}

/** The exclusive end of the `to` day, for `at < …`. */
export function dayAfter(day: string): string {
  return addDays(day, 1);
}
