import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

/**
 * Cursor (keyset) pagination of /api/v1 lists. Every list is ordered newest first by (created, id); the
 * cursor is the last row's pair, opaque to clients (base64url JSON), so a page is one index range scan
 * however deep, and rows written meanwhile neither repeat nor go missing.
 */
export const pageQuerySchema = z.object({
  limit: z.coerce
    .number({ error: "limit is a number from 1 to 100." })
    .int("limit is a whole number.")
    .min(1, "limit is at least 1.")
    .max(100, "limit is at most 100.")
    .default(25)
    .meta({ description: "Items per page (1–100, default 25)." }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .meta({ description: "The `nextCursor` of the previous page; omit for the first page." }),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export type Cursor = { at: string; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString("base64url");
}

const cursorShape = z.tuple([z.string().min(1).max(40), z.uuid()]);

export function decodeCursor(value: string): Cursor {
  try {
    const [at, id] = cursorShape.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return { at, id };
  } catch {
    throw new AppError("validation", "The cursor is not valid: pass the nextCursor of a page as it was.", {
      cursor: ["Not a cursor this API gave out."],
    });
  }
}

/**
 * A list's ordering value as the database writes it (`cursorAt` in the select): a timestamp keeps its
 * microseconds, which a JavaScript Date would cut to milliseconds (rows written in one transaction share
 * one instant, so a cut cursor would skip them).
 */
export function cursorValue(at: AnyColumn | SQL): SQL<string> {
  return sql<string>`${at}::text`;
}

/**
 * The condition "after the cursor" for a list ordered by (`at` desc, `id` desc); `type` is the SQL type of
 * `at` (a timestamp, or a text column such as an invoice's period). An invalid value is a 400, not a 500.
 */
export function afterCursor(
  cursor: string | undefined,
  at: AnyColumn | SQL,
  id: AnyColumn,
  type: "timestamptz" | "date" | "text" = "timestamptz",
): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  if (
    type !== "text" &&
    !/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?)?)?$/.test(c.at)
  ) {
    throw new AppError("validation", "The cursor is not valid: pass the nextCursor of a page as it was.", {
      cursor: ["Not a cursor this API gave out."],
    });
  }
  return sql`(${at}, ${id}) < (cast(${c.at} as ${sql.raw(type)}), cast(${c.id} as uuid))`;
}

/** The JSON envelope of every list: the page's items and the cursor of the next page (null on the last). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    hasMore: z.boolean(),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page." }),
  });
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only says there is more. `keyOf` gives a row's
 * ordering pair (an instant or a text value, and the id).
 */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => { at: string; id: string },
  map: (row: R) => T,
): { data: T[]; hasMore: boolean; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  let nextCursor: string | null = null;
  if (hasMore && last) {
    const key = keyOf(last);
    nextCursor = encodeCursor(key);
  }
  return { data: page.map(map), hasMore, nextCursor };
}
