import "server-only";
import { type AnyColumn, and, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { ListCount } from "./count";
import { cursorFits, decodeListCursor, encodeListCursor, type IdType, type KeyType } from "./cursor";
import type { ListParams } from "./params";

/** Counts stop here: beyond it the list says "10,000+" (estimated) instead of counting every row. */
export const COUNT_CAP = 10_000;

export type SortColumn = { expr: AnyColumn | SQL; type: KeyType };

/** The two columns every fetched row carries: its sort value and id as the database writes them. */
export type ListKeys = { listKey: SQL<string>; listKeyId: SQL<string> };
type KeyedRow = { listKey: string; listKeyId: string };

export type ListPage<Row> = {
  rows: Row[];
  nextCursor: string | null;
  prevCursor: string | null;
  count: ListCount;
};

export type ListSource<Row> = {
  sorts: Record<string, SortColumn>;
  /** The unique tie-breaker (a uuid primary key). */
  id: AnyColumn;
  /** The tie-breaker's type when it is not a uuid (a bigserial key: "int8"). */
  idType?: IdType;
  /** The list's filters and search, already as conditions (undefined ones are skipped). */
  where: (SQL | undefined)[];
  /** The list's select with `keys` added to its columns, over its joins, with the given where, order and limit. */
  rows: (q: {
    keys: ListKeys;
    where: SQL | undefined;
    orderBy: SQL[];
    limit: number;
  }) => PromiseLike<(Row & KeyedRow)[]>;
  /** The same joins selecting anything, with `where` and `limit`: counted from outside. */
  count: (q: { where: SQL | undefined; limit: number }) => SQLWrapper;
  /**
   * Where counting stops for this query (default COUNT_CAP): lower where matches are costly to count, e.g. a
   * substring search over a log of 100,000 entries that matches a fifth of them.
   */
  countCap?: number;
};

/**
 * One page of a list by keyset over (sort value, id): `size + 1` rows say whether another page follows;
 * "before" reads backwards (order and comparison flipped) and turns the page back round. The count runs
 * beside it, capped.
 */
export async function runList<Row>(
  db: DbOrTx,
  params: ListParams,
  source: ListSource<Row>,
): Promise<ListPage<Row>> {
  const sort = source.sorts[params.sort];
  if (!sort) throw new Error(`Unknown sort ${params.sort}`);
  const backwards = params.before !== null;
  const cursor = decodeListCursor(params.after ?? params.before);
  const idType = source.idType ?? "uuid";
  const usable = cursor && cursorFits(cursor, params.sort, sort.type, idType) ? cursor : null;
  // Reading backwards walks the opposite way.
  const ascending = (params.dir === "asc") !== (backwards && usable !== null);
  const keyCondition = usable
    ? sql`(${sort.expr}, ${source.id}) ${sql.raw(ascending ? ">" : "<")} (cast(${usable.value} as ${sql.raw(sort.type)}), cast(${usable.id} as ${sql.raw(idType)}))`
    : undefined;
  const filtered = and(...source.where.filter((w): w is SQL => w !== undefined));
  const order = sql.raw(ascending ? "asc" : "desc");
  const keys: ListKeys = {
    listKey: sql<string>`(${sort.expr})::text`,
    listKeyId: sql<string>`(${source.id})::text`,
  };
  const [fetched, count] = await Promise.all([
    source.rows({
      keys,
      where: and(filtered, keyCondition),
      orderBy: [sql`${sort.expr} ${order}`, sql`${source.id} ${order}`],
      limit: params.size + 1,
    }),
    countRows(
      db,
      source.count({ where: filtered, limit: (source.countCap ?? COUNT_CAP) + 1 }),
      source.countCap,
    ),
  ]);
  const more = fetched.length > params.size;
  const slice = fetched.slice(0, params.size);
  const page = backwards && usable ? slice.reverse() : slice;
  const cursorOf = (row: KeyedRow | undefined) =>
    row ? encodeListCursor({ sort: params.sort, value: row.listKey, id: row.listKeyId }) : null;
  let nextCursor: string | null;
  let prevCursor: string | null;
  if (backwards && usable) {
    prevCursor = more ? cursorOf(page[0]) : null;
    // The cursor's own row follows this page.
    nextCursor = cursorOf(page.at(-1)) ?? params.before;
  } else {
    nextCursor = more ? cursorOf(page.at(-1)) : null;
    prevCursor = usable ? (cursorOf(page[0]) ?? params.after) : null;
  }
  const rows = page.map(({ listKey: _k, listKeyId: _i, ...row }) => row as unknown as Row);
  return { rows, nextCursor, prevCursor, count };
}

async function countRows(db: DbOrTx, capped: SQLWrapper, cap = COUNT_CAP): Promise<ListCount> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(sql`(${capped}) as capped`);
  const n = Number(row?.n ?? 0);
  return n > cap ? { value: cap, exact: false } : { value: n, exact: true };
}
