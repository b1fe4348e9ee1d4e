import { CsvError, parse } from "csv-parse/sync";
import type { AcronisReportRow } from "../types";
import { normaliseRow, reportError, USAGE_PATHS } from "./row";

/** The columns Acronis's own csv_v2_0 parser refuses to do without (docs/ACRONIS.md). */
export const CSV_V2_REQUIRED_COLUMNS = [
  "application.id",
  "infra.backend_type",
  "infra.id",
  "infra.owner_id",
  "name",
  "tenant.id",
  "tenant.kind",
  ...USAGE_PATHS,
];

type CsvRecord = { record: string[]; info: { lines: number } };

function readRecords(text: string): CsvRecord[] {
  try {
    // `info: true` wraps each record with its position; csv-parse's types do not follow the option.
    return parse(text, {
      info: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    const line = error instanceof CsvError ? (error as CsvError & { lines?: number }).lines : undefined;
    const message = error instanceof Error ? error.message : String(error);
    throw reportError("csv_v2_0", line ? `line ${line}` : null, `not valid CSV (${message})`);
  }
}

function columnIndex(header: string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((raw, i) => {
    const name = raw.trim();
    if (index.has(name))
      throw reportError("csv_v2_0", "line 1", `column ${JSON.stringify(name)} appears twice`);
    index.set(name, i);
  });
  const missing = CSV_V2_REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    throw reportError("csv_v2_0", "line 1", `the header lacks column(s) ${missing.join(", ")}`, { missing });
  }
  return index;
}

/** Columns are found by name, as Acronis's parser does: their order may change and extras are ignored. */
export function parseCsvV2(
  text: string,
  options: { daily: boolean; fallbackRange: { from: string; to: string } | null },
): AcronisReportRow[] {
  const [head, ...records] = readRecords(text);
  if (!head) throw reportError("csv_v2_0", null, "the file is empty (no header line)");
  const index = columnIndex(head.record);
  return records.map(({ record, info }) => {
    const where = `line ${info.lines}`;
    if (record.length !== head.record.length) {
      throw reportError(
        "csv_v2_0",
        where,
        `${record.length} cells where the header has ${head.record.length} columns`,
      );
    }
    const read = (path: string) => {
      const i = index.get(path);
      return i === undefined ? undefined : record[i];
    };
    return normaliseRow(read, { format: "csv_v2_0", where, ...options });
  });
}
