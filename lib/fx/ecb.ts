/**
 * The European Central Bank's published reference-rate CSV, PURE (no db): `eurofxref.csv` (one day, dates
 * like "27 November 2026") and `eurofxref-hist.csv` (one row per day, ISO dates). Header `Date, USD, JPY, …`
 * with a trailing empty column; each value is "1 EUR = x currency"; "N/A" (or an empty cell) is a missing rate.
 */
import { parse } from "csv-parse/sync";
import { isValidIsoDate, RATE_PATTERN } from "./rate-format";

export type EcbRate = { line: number; date: string; currency: string; rate: string };
export type LineError = { line: number; message: string };
export type EcbFile = { currencies: string[]; rates: EcbRate[]; errors: LineError[] };

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** "2026-11-27" or "27 November 2026" (the single-day file) → ISO, or null. */
export function parseEcbDate(cell: string): string | null {
  const text = cell.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return isValidIsoDate(text) ? text : null;
  const match = /^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$/.exec(text);
  if (!match) return null;
  const month = MONTHS.indexOf((match[2] ?? "").toLowerCase());
  if (month < 0) return null;
  const iso = `${match[3]}-${String(month + 1).padStart(2, "0")}-${(match[1] ?? "").padStart(2, "0")}`;
  return isValidIsoDate(iso) ? iso : null;
}

const isMissing = (cell: string) => cell === "" || cell.toUpperCase() === "N/A";

type Parsed = { record: string[]; info: { lines: number } };

export function parseEcbCsv(text: string): EcbFile {
  let records: Parsed[];
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as Parsed[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { currencies: [], rates: [], errors: [{ line, message: `This is not a readable CSV file.` }] };
  }
  const [header, ...rows] = records;
  if (!header) return { currencies: [], rates: [], errors: [{ line: 1, message: "The file is empty." }] };
  const errors: LineError[] = [];
  const headerLine = header.info.lines;
  const [first, ...codes] = header.record;
  if ((first ?? "").toLowerCase() !== "date") {
    errors.push({
      line: headerLine,
      message: `The first column must be "Date" (the ECB's header: Date, USD, JPY, …), not "${first ?? ""}".`,
    });
  }
  // The trailing comma gives an empty last column: ignored, like every column without a currency code.
  const columns: (string | null)[] = [];
  const seen = new Set<string>();
  for (const raw of codes) {
    const code = raw.toUpperCase();
    if (code === "") {
      columns.push(null);
      continue;
    }
    if (!/^[A-Z]{3}$/.test(code)) {
      errors.push({ line: headerLine, message: `"${raw}" is not a currency code.` });
      columns.push(null);
    } else if (seen.has(code)) {
      errors.push({ line: headerLine, message: `${code} is listed twice.` });
      columns.push(null);
    } else {
      seen.add(code);
      columns.push(code);
    }
  }
  if (errors.length > 0) return { currencies: [], rates: [], errors };
  if (seen.size === 0) {
    return { currencies: [], rates: [], errors: [{ line: headerLine, message: "No currency columns." }] };
  }
  if (rows.length === 0) {
    return {
      currencies: [...seen],
      rates: [],
      errors: [{ line: headerLine, message: "No rates below the header." }],
    };
  }

  const rates: EcbRate[] = [];
  const dates = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const [dateCell = "", ...values] = record;
    const date = parseEcbDate(dateCell);
    if (!date) {
      errors.push({ line, message: `"${dateCell}" is not a date (2026-11-27 or 27 November 2026).` });
      continue;
    }
    const earlier = dates.get(date);
    if (earlier !== undefined) {
      errors.push({ line, message: `${date} is already on line ${earlier}.` });
      continue;
    }
    dates.set(date, line);
    values.forEach((cell, i) => {
      const currency = columns[i];
      if (!currency) {
        // Only an empty cell may sit under the trailing empty header (a stray comma shifts the columns).
        if (cell !== "") errors.push({ line, message: `"${cell}" is in a column without a currency.` });
        return;
      }
      if (isMissing(cell)) return;
      if (!RATE_PATTERN.test(cell) || /^0+(\.0+)?$/.test(cell)) {
        errors.push({
          line,
          message: `${currency}: "${cell}" is not a rate (a number above 0 with at most 10 decimals, or N/A).`,
        });
        return;
      }
      rates.push({ line, date, currency, rate: cell });
    });
  }
  return { currencies: [...seen], rates, errors };
}
