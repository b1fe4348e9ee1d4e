"use client";
import { type ReactNode, useId, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { toCsv } from "./format";

export type ChartColumn = {
  key: string;
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** Long text (a customer or service name) that may wrap rather than widen the table. */
  canWrap?: boolean;
};

// Important: Th and Td set whitespace-nowrap, which Tailwind emits after whitespace-normal.
const WRAP = "min-w-[8rem] whitespace-normal!";

/** A table row: display values (formatted strings, or nodes such as links) by column key. */
export type ChartRow = Record<string, ReactNode>;
/** A CSV row: raw exact values (decimal strings, ISO dates) by column key. */
export type CsvRow = Record<string, string>;

export type ChartFrameProps = {
  title: string;
  /** One line under the title. */
  description: string;
  /** The CSV download's name, without ".csv". */
  filename: string;
  /** The table's columns; the CSV's too unless `csvColumns` is given. */
  columns: ChartColumn[];
  rows: ChartRow[];
  /** The same rows with raw exact values, for the CSV. */
  csvRows: CsvRow[];
  /** CSV columns when they differ from the table's (a unit or currency in its own column). */
  csvColumns?: ChartColumn[];
  /** A last, bold row of the table (and of the CSV when `csvTotalRow` is given). */
  totalRow?: ChartRow;
  csvTotalRow?: CsvRow;
  /** The chart's height in px: the skeleton and the empty state take the same, so nothing shifts. */
  height: number;
  loading?: boolean;
  /** What to say when there is nothing to draw. */
  empty: { title: string; body: string };
  /** Nothing to draw; by default when there are no rows. */
  isEmpty?: boolean;
  /** The chart in one sentence, for screen readers (the chart is an image; the table has the figures). */
  summary: string;
  /** Extra controls before the Chart | Table toggle (e.g. By customer | By service). */
  controls?: ReactNode;
  /** The chart itself, drawn in a box of `height`. */
  children: ReactNode;
  className?: string;
};

type View = "chart" | "table";

const VIEWS: { value: View; label: string }[] = [
  { value: "chart", label: "Chart" },
  { value: "table", label: "Table" },
];

/**
 * The card every chart sits in: title, description, a Chart | Table toggle, a CSV download of the table's
 * rows, a skeleton while loading and an empty state, all at the chart's height so the page does not jump.
 */
export function ChartFrame(props: ChartFrameProps) {
  const { title, description, height, loading, empty, controls } = props;
  const [view, setView] = useState<View>("chart");
  const headingId = useId();
  const isEmpty = props.isEmpty ?? props.rows.length === 0;

  return (
    <Card className={cn("@container min-w-0", props.className)}>
      <div className="flex flex-col gap-3 border-b border-slate-100 px-4 py-4 sm:px-5 @2xl:flex-row @2xl:items-start @2xl:justify-between">
        <div className="min-w-0">
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">{description}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2 @2xl:shrink-0 @2xl:justify-end">
          {controls}
          <SegmentedToggle label={`${title}: view`} options={VIEWS} value={view} onChange={setView} />
          <button
            type="button"
            className={buttonClass("secondary")}
            // Several charts share a page: the title tells their downloads apart.
            aria-describedby={headingId}
            disabled={loading || isEmpty}
            onClick={() => downloadCsv(props)}
          >
            <DownloadIcon />
            Download CSV
          </button>
        </div>
      </div>
      <div className="px-2 py-4 sm:px-5">
        {loading ? (
          <div className="relative" style={{ height }} aria-busy="true">
            <div aria-hidden className="h-full animate-pulse rounded-md bg-slate-100" />
            <p role="status" className="sr-only">
              Loading {title}…
            </p>
          </div>
        ) : isEmpty ? (
          <div className="flex items-center justify-center" style={{ height }}>
            <EmptyState title={empty.title}>{empty.body}</EmptyState>
          </div>
        ) : view === "chart" ? (
          <div role="img" aria-label={props.summary} className="relative w-full min-w-0" style={{ height }}>
            {props.children}
          </div>
        ) : (
          <div style={{ minHeight: height }}>
            <ChartTable {...props} />
          </div>
        )}
      </div>
    </Card>
  );
}

function ChartTable({ title, columns, rows, totalRow }: ChartFrameProps) {
  return (
    <Table caption={title}>
      <thead>
        <tr>
          {columns.map((c) => (
            <Th key={c.key} numeric={c.numeric} className={c.canWrap ? WRAP : undefined}>
              {c.label}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are replaced whole, never reordered in place
          <tr key={i}>
            {columns.map((c) => (
              <Td key={c.key} numeric={c.numeric} className={c.canWrap ? WRAP : undefined}>
                {row[c.key]}
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
      {totalRow && (
        <tfoot className="border-t-2 border-slate-200">
          <tr>
            {columns.map((c, i) =>
              i === 0 ? (
                <th key={c.key} scope="row" className="px-4 py-2.5 text-left font-semibold text-slate-900">
                  {totalRow[c.key] ?? "Total"}
                </th>
              ) : (
                <Td key={c.key} numeric={c.numeric} className="font-semibold text-slate-900">
                  {totalRow[c.key]}
                </Td>
              ),
            )}
          </tr>
        </tfoot>
      )}
    </Table>
  );
}

function downloadCsv({ filename, columns, csvColumns, csvRows, csvTotalRow }: ChartFrameProps) {
  const csv = toCsv(csvColumns ?? columns, csvTotalRow ? [...csvRows, csvTotalRow] : csvRows);
  // The byte-order mark makes Excel read the file as UTF-8 (accented customer names).
  const blob = new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `${filename}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next tick: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A row of buttons of which one is on (aria-pressed): Chart | Table, By customer | By service. */
export function SegmentedToggle<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  /** Names the group for screen readers. */
  label: string;
  options: { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div role="group" aria-label={label} className="inline-flex rounded-md bg-slate-100 p-0.5">
      {options.map((o) => {
        const isOn = o.value === value;
        return (
          <button
            key={o.value}
            type="button"
            aria-pressed={isOn}
            onClick={() => onChange(o.value)}
            className={cn(
              "whitespace-nowrap rounded px-3 py-1.5 text-sm font-medium transition",
              isOn
                ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200"
                : "text-slate-600 hover:text-slate-900",
            )}
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}

function DownloadIcon() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 text-slate-500">
      <path d="M10.75 2.75a.75.75 0 0 0-1.5 0v8.614L6.295 8.235a.75.75 0 1 0-1.09 1.03l4.25 4.5a.75.75 0 0 0 1.09 0l4.25-4.5a.75.75 0 0 0-1.09-1.03l-2.955 3.129V2.75Z" />
      <path d="M3.5 12.75a.75.75 0 0 0-1.5 0v2.5A2.75 2.75 0 0 0 4.75 18h10.5A2.75 2.75 0 0 0 18 15.25v-2.5a.75.75 0 0 0-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5Z" />
    </svg>
  );
}
