/**
 * What every chart shares (pure, no React): axis labels, the palette, plotting numbers and the CSV. Tooltips
 * and tables format exact amounts with lib/format; this module only shortens them for axes.
 */
const LOCALE = "en-US";

const compactMoneyFormats = new Map<string, Intl.NumberFormat>();
const compactNumberFormat = new Intl.NumberFormat(LOCALE, { notation: "compact", maximumFractionDigits: 1 });
const dayFormat = new Intl.DateTimeFormat(LOCALE, { month: "short", day: "numeric", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat(LOCALE, { month: "short", year: "numeric", timeZone: "UTC" });
const monthShortFormat = new Intl.DateTimeFormat(LOCALE, { month: "short", timeZone: "UTC" });

/** An axis tick: "$1.2K", "€950", "SEK 3.4M". Built once per currency: axes call it for every tick. */
export function formatCompactMoney(value: number, currency: string): string {
  let format = compactMoneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, {
      style: "currency",
      currency,
      notation: "compact",
      minimumFractionDigits: 0,
      maximumFractionDigits: 1,
    });
    compactMoneyFormats.set(currency, format);
  }
  return format.format(value);
}

/** A quantity axis tick: "1.2K", "35", "0.5". */
export function formatCompactNumber(value: number): string {
  return compactNumberFormat.format(value);
}

/** "2026-11-03" → "Nov 3" (a calendar day, read as UTC so no time zone shifts it). */
export function dayLabel(day: string): string {
  return dayFormat.format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}

/** "2026-11" → "Nov 2026". */
export function monthLabel(month: string): string {
  return monthFormat.format(new Date(`${month.slice(0, 7)}-01T00:00:00Z`));
}

/** "2026-11" → "Nov": for axes, where the tooltip and the table give the year. */
export function monthShortLabel(month: string): string {
  return monthShortFormat.format(new Date(`${month.slice(0, 7)}-01T00:00:00Z`));
}

/**
 * Series colours, in the order series are assigned: the Okabe–Ito colours that read on white (its yellow
 * and black left out), then three of Paul Tol's "muted" set; both were chosen to stay apart for the common
 * colour-vision deficiencies. Stacks also draw a white edge between series so that no meaning rests on
 * hue alone, and every chart has its table.
 */
export const PALETTE = [
  "#0072B2", // blue
  "#E69F00", // orange
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#56B4E9", // sky blue
  "#D55E00", // vermillion
  "#332288", // indigo
  "#999933", // olive
  "#882255", // wine
] as const;

/** "Other" (the folded series): slate-400, a grey no palette colour is mistaken for. */
export const OTHER_COLOR = "#94A3B8";

/** The brand colour (set per reseller on the page), for single-series charts. */
export const BRAND_COLOR = "var(--color-brand)";

/** Axis, grid and reference-line greys: slate-500, slate-200, slate-600. */
export const AXIS_COLOR = "#64748B";
export const GRID_COLOR = "#E2E8F0";
export const REFERENCE_COLOR = "#475569";

export function seriesColor(index: number): string {
  return PALETTE[index % PALETTE.length] ?? OTHER_COLOR;
}

/**
 * A decimal string as a number, for plotting positions only: never for arithmetic, never shown (tooltips
 * and tables format the string itself). Anything unreadable plots as 0.
 */
export function toNumber(value: string | null | undefined): number {
  if (value == null || value.trim() === "") return 0;
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** A label cut to `max` characters with an ellipsis, for axes; the tooltip shows it whole. */
export function truncateLabel(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, Math.max(1, max - 1)).trimEnd()}…` : label;
}

export type CsvColumn = { key: string; label: string };

const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field. A cell a spreadsheet could read as a formula gets a leading quote (OWASP CSV injection:
 * customer names come from end customers); plain decimals such as "-12.50" stay numbers. The same rule as
 * lib/invoices/csv.ts, repeated because that module is server-side (format.test.ts keeps them equal).
 */
export function csvField(value: string): string {
  const safe = PLAIN_NUMBER.test(value) || !FORMULA_START.test(value) ? value : `'${value}`;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * RFC 4180 CSV: a header of the column labels, one record per row in column order (a missing value is an
 * empty field), CRLF after every record. Written here rather than importing csv-stringify's browser build,
 * which ships an 80 kB Buffer and stream polyfill for what is a dozen lines.
 */
export function toCsv(columns: CsvColumn[], rows: Record<string, string | undefined>[]): string {
  const records = [columns.map((c) => c.label), ...rows.map((row) => columns.map((c) => row[c.key] ?? ""))];
  return records.map((record) => `${record.map(csvField).join(",")}\r\n`).join("");
}

/** A y-axis width (px) that fits the widest tick label at 12 px, so labels are never clipped. */
export function axisWidth(labels: string[]): number {
  const longest = labels.reduce((max, label) => Math.max(max, label.length), 0);
  return Math.min(96, Math.max(32, Math.ceil(longest * 7) + 10));
}
