import { z } from "zod";

/**
 * One list's URL state (issue 16): page size, a whitelisted sort and direction, its filters, a text search
 * and a keyset cursor. Everything a list shows lives in the URL, so reload, back and a shared link keep it.
 * Pure: pages, components and tests share it.
 */
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 25;

export type SortDir = "asc" | "desc";

/** A list's declaration: its sorts (each with the direction a first click picks) and its filters' schemas. */
export type ListSpec<S extends string = string, F extends string = string> = {
  sorts: Record<S, { dir: SortDir }>;
  defaultSort: S;
  filters: Record<F, z.ZodType<string>>;
  /** The page size without one in the URL, when not DEFAULT_PAGE_SIZE (a log that showed 50 or 100 rows). */
  defaultSize?: PageSize;
};

export type ListParams<S extends string = string, F extends string = string> = {
  size: PageSize;
  sort: S;
  dir: SortDir;
  q: string;
  filters: Partial<Record<F, string>>;
  after: string | null;
  before: string | null;
  /** Messages of filters the URL got wrong, by field (the filter is then left out). */
  errors: Partial<Record<F | "q", string[]>>;
};

export type SearchParams = Record<string, string | string[] | undefined>;

const sizeSchema = z.coerce
  .number()
  .refine((n): n is PageSize => (PAGE_SIZES as readonly number[]).includes(n));
const cursorSchema = z
  .string()
  .min(1)
  .max(400)
  .regex(/^[A-Za-z0-9_-]+$/);
const qSchema = z.string().trim().max(100, "Search for at most 100 characters.");

function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v.trim() === "" ? undefined : v;
}

/** Reads a list's URL state. Nothing in a URL throws: a bad filter is reported and left out, the rest defaults. */
export function parseListParams<S extends string, F extends string>(
  spec: ListSpec<S, F>,
  params: SearchParams,
): ListParams<S, F> {
  const errors: Partial<Record<F | "q", string[]>> = {};
  const size = sizeSchema.safeParse(first(params.size));
  const sortRaw = first(params.sort);
  const sort =
    sortRaw !== undefined && Object.hasOwn(spec.sorts, sortRaw) ? (sortRaw as S) : spec.defaultSort;
  const dirRaw = first(params.dir);
  const dir: SortDir = dirRaw === "asc" || dirRaw === "desc" ? dirRaw : spec.sorts[sort].dir;
  const q = qSchema.safeParse(first(params.q) ?? "");
  if (!q.success) errors.q = q.error.issues.map((i) => i.message);
  const filters: Partial<Record<F, string>> = {};
  for (const key of Object.keys(spec.filters) as F[]) {
    const raw = first(params[key]);
    if (raw === undefined) continue;
    const parsed = spec.filters[key].safeParse(raw.trim());
    if (parsed.success) filters[key] = parsed.data;
    else errors[key] = parsed.error.issues.map((i) => i.message);
  }
  const after = cursorSchema.safeParse(first(params.after));
  const before = cursorSchema.safeParse(first(params.before));
  return {
    size: size.success ? size.data : (spec.defaultSize ?? DEFAULT_PAGE_SIZE),
    sort,
    dir,
    q: q.success ? q.data : "",
    filters,
    // One direction at a time; "after" wins if a hand-made URL names both.
    after: after.success ? after.data : null,
    before: !after.success && before.success ? before.data : null,
    errors,
  };
}

/** Filter schemas lists share; each message is shown beside its field. */
export const listFilters = {
  oneOf: <T extends string>(values: readonly [T, ...T[]], message: string) =>
    z.enum(values, { error: message }),
  month: () => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "A month as YYYY-MM."),
  day: () =>
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "A date as YYYY-MM-DD.")
      .refine(
        (d) =>
          !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
          new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
        "Not a calendar date.",
      ),
  amount: () => z.string().regex(/^\d{1,12}(\.\d{1,4})?$/, "An amount such as 1250 or 1250.50."),
  uuid: (message: string) => z.uuid({ error: message }),
  code: (length: number, message: string) =>
    z
      .string()
      .transform((s) => s.toUpperCase())
      .pipe(z.string().regex(new RegExp(`^[A-Z]{${length}}$`), message)),
};
