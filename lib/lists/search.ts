import { type AnyColumn, ilike, or, type SQL } from "drizzle-orm";

/** `q` as a literal ILIKE substring: %, _ and \ match themselves. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * "Any of these columns contains q", case-insensitive: `col ILIKE '%q%'`, which the trigram GIN indexes of
 * migration 0012 serve. Undefined for an empty search.
 */
export function searchCondition(q: string, columns: (AnyColumn | SQL)[]): SQL | undefined {
  if (!q) return undefined;
  const pattern = likePattern(q);
  return or(...columns.map((c) => ilike(c, pattern)));
}
