import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import type { SearchMatch } from "./types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An Acronis tenant id (a uuid), lower-cased, when the text is one; else null. */
export function uuidOf(text: string): string | null {
  return UUID.test(text) ? text.toLowerCase() : null;
}

/** `%`, `_` and `\` match themselves (backslash is PostgreSQL's default LIKE escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The three ILIKE patterns of one search text: equal (no wildcard), starts with, contains. */
export type Patterns = { exact: string; prefix: string; contains: string };

export function patternsOf(text: string): Patterns {
  const escaped = escapeLike(text);
  return { exact: escaped, prefix: `${escaped}%`, contains: `%${escaped}%` };
}

type Column = AnyColumn | SQL;

/** Any of the columns contains the text (ILIKE '%…%', served by the trigram GIN indexes of migration 0012). */
export function containsAny(columns: Column[], p: Patterns): SQL {
  return sql.join(
    columns.map((c) => sql`${c} ilike ${p.contains}`),
    sql` or `,
  );
}

/** 0 for an exact match in any column, 1 for a prefix, 2 for contains (only matching rows are selected). */
export function rankOf(columns: Column[], p: Patterns, extra: SQL[] = []): SQL<number> {
  const ranks = columns.map(
    (c) =>
      sql`case when ${c} ilike ${p.exact} then 0 when ${c} ilike ${p.prefix} then 1 when ${c} ilike ${p.contains} then 2 end`,
  );
  return sql<number>`least(${sql.join([...ranks, ...extra], sql`, `)})`.mapWith(Number);
}

export const matchOfRank: Record<number, SearchMatch> = { 0: "exact", 1: "prefix", 2: "contains" };
