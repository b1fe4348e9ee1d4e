import "server-only";
import { stringify } from "csv-stringify/sync";
import { and, type SQL, sql } from "drizzle-orm";
import { neutraliseCsvCell } from "@/lib/invoices/csv";
import type { ListParams } from "./params";
import type { ListKeys, ListSource } from "./run";

/** Rows read per query while exporting: one batch in memory at a time, however long the list. */
export const EXPORT_BATCH_SIZE = 1_000;

/** One CSV column: its header and the cell of a row (null and undefined are written as an empty cell). */
export type CsvColumn<Row> = { header: string; value: (row: Row) => string | null | undefined };

/** What an export reads: a list's sorts, id, filters and select (its count is not needed). */
export type ExportSource<Row> = Pick<ListSource<Row>, "sorts" | "id" | "idType" | "where" | "rows">;

/**
 * Every row of a filtered list in the list's own order (its sort and direction, then the id), in keyset
 * batches of `batchSize`: the page's filters and search, never its cursor or page size.
 */
export async function* listRowsInBatches<Row>(
  params: ListParams,
  source: ExportSource<Row>,
  batchSize: number = EXPORT_BATCH_SIZE,
): AsyncGenerator<Row[]> {
  const sort = source.sorts[params.sort];
  if (!sort) throw new Error(`Unknown sort ${params.sort}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`Bad batch size ${batchSize}`);
  const ascending = params.dir === "asc";
  const order = sql.raw(ascending ? "asc" : "desc");
  const filtered = and(...source.where.filter((w): w is SQL => w !== undefined));
  const keys: ListKeys = {
    listKey: sql<string>`(${sort.expr})::text`,
    listKeyId: sql<string>`(${source.id})::text`,
  };
  let last: { value: string; id: string } | null = null;
  for (;;) {
    const keyCondition: SQL | undefined = last
      ? sql`(${sort.expr}, ${source.id}) ${sql.raw(ascending ? ">" : "<")} (cast(${last.value} as ${sql.raw(sort.type)}), cast(${last.id} as ${sql.raw(source.idType ?? "uuid")}))`
      : undefined;
    const fetched = await source.rows({
      keys,
      where: and(filtered, keyCondition),
      orderBy: [sql`${sort.expr} ${order}`, sql`${source.id} ${order}`],
      limit: batchSize,
    });
    const tail = fetched.at(-1);
    if (!tail) return;
    last = { value: tail.listKey, id: tail.listKeyId };
    yield fetched.map(({ listKey: _k, listKeyId: _i, ...row }) => row as unknown as Row);
    if (fetched.length < batchSize) return;
  }
}

function csvLines(rows: string[][]): string {
  return stringify(rows, { record_delimiter: "\r\n" });
}

/**
 * CSV as a web stream: a byte-order mark (Excel then reads UTF-8), the header row, then each batch as it is
 * read. The next batch is read only when the client has taken the previous one (pull), and a client that
 * goes away stops the reading. Every cell goes through the CSV-injection rule of invoice CSVs.
 */
export function csvStream<Row>(
  batches: AsyncIterable<Row[]>,
  columns: CsvColumn<Row>[],
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLines([columns.map((c) => c.header)])}`));
    },
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) {
        controller.close();
        return;
      }
      const lines = next.value.map((row) => columns.map((c) => neutraliseCsvCell(c.value(row) ?? "")));
      if (lines.length > 0) controller.enqueue(encoder.encode(csvLines(lines)));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}

/** A filtered list as a CSV stream: `listRowsInBatches` through `csvStream`. */
export function exportListCsv<Row>(
  params: ListParams,
  source: ExportSource<Row>,
  columns: CsvColumn<Row>[],
  options: { batchSize?: number } = {},
): ReadableStream<Uint8Array> {
  return csvStream(listRowsInBatches(params, source, options.batchSize), columns);
}

/** The download: text/csv, attachment with `filename`, never cached. */
export function csvDownload(stream: ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
    },
  });
}

/** An instant as ISO 8601 (UTC), or empty. */
export function isoInstant(value: Date | null | undefined): string {
  return value ? value.toISOString() : "";
}
