"use client";
import { cn } from "@/components/ui/cn";
import {
  AXIS_COLOR,
  axisWidth,
  formatCompactMoney,
  GRID_COLOR,
  monthShortLabel,
  truncateLabel,
} from "./format";

/** Axis tick text: 12 px slate-500, as the rest of the app's secondary text. */
export const AXIS_TICK = { fontSize: 12, fill: AXIS_COLOR } as const;

/** Charts draw at once: data arrives whole (no streaming), and a re-animation on refetch is jank. */
export const NO_ANIMATION = { isAnimationActive: false } as const;

/** The month axis of the monthly charts (spread over `<XAxis {...MONTH_X_AXIS} />`). */
export const MONTH_X_AXIS = {
  dataKey: "month",
  tickFormatter: monthShortLabel,
  tick: AXIS_TICK,
  tickLine: false,
  axisLine: { stroke: GRID_COLOR },
  interval: "equidistantPreserveStart",
} as const;

/** A money value axis sized for its largest label (`<YAxis {...moneyYAxis(currency, max)} />`). */
export function moneyYAxis(currency: string, maxValue: number) {
  return {
    tickFormatter: (v: number) => formatCompactMoney(v, currency),
    tick: AXIS_TICK,
    tickLine: false,
    axisLine: false,
    width: axisWidth([formatCompactMoney(maxValue, currency)]),
  } as const;
}

/**
 * The datum under the pointer, from recharts' tooltip props: charts keep the exact decimal strings in
 * their data points, and tooltips format those rather than the plotted numbers.
 */
export function hoveredDatum<T>(props: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}): T | null {
  if (!props.active) return null;
  return (props.payload?.[0]?.payload as T | undefined) ?? null;
}

export type TooltipLine = {
  label: string;
  value: string;
  /** The series' swatch colour. */
  color?: string;
  /** A dashed swatch (a line series rather than an area or bar). */
  isLine?: boolean;
  isStrong?: boolean;
};

/** The tooltip box: a title (the day or month), one line per series, an optional note. */
export function TooltipCard({ title, lines, note }: { title: string; lines: TooltipLine[]; note?: string }) {
  return (
    <div className="max-w-[18rem] rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-lg">
      <p className="mb-1 font-semibold text-slate-900">{title}</p>
      <ul className="space-y-0.5">
        {lines.map((line) => (
          <li key={`${line.color}:${line.label}`} className="flex items-center gap-2">
            {line.color ? <Swatch color={line.color} isLine={line.isLine} /> : <span className="w-2.5" />}
            <span
              className={cn("min-w-0 flex-1 truncate", line.isStrong ? "text-slate-900" : "text-slate-600")}
            >
              {line.label}
            </span>
            <span
              className={cn(
                "whitespace-nowrap tabular-nums",
                line.isStrong ? "font-semibold text-slate-900" : "text-slate-800",
              )}
            >
              {line.value}
            </span>
          </li>
        ))}
      </ul>
      {note && <p className="mt-1 text-slate-500">{note}</p>}
    </div>
  );
}

export type LegendItem = { label: string; color: string; isLine?: boolean; isMuted?: boolean };

/** A legend that wraps and truncates on a phone (recharts' own one overflows with long names). */
export function LegendList({ items, note }: { items: LegendItem[]; note?: string }) {
  return (
    <div className="pt-2 text-xs text-slate-600">
      <ul className="flex flex-wrap justify-center gap-x-4 gap-y-1">
        {items.map((item) => (
          <li key={`${item.color}:${item.label}`} className="flex min-w-0 max-w-[12rem] items-center gap-1.5">
            <Swatch color={item.color} isLine={item.isLine} isMuted={item.isMuted} />
            <span className="truncate">{item.label}</span>
          </li>
        ))}
      </ul>
      {note && <p className="mt-1 text-center text-slate-500">{note}</p>}
    </div>
  );
}

function Swatch({ color, isLine, isMuted }: { color: string; isLine?: boolean; isMuted?: boolean }) {
  return isLine ? (
    <span aria-hidden className="h-0.5 w-3 shrink-0 rounded-full" style={{ backgroundColor: color }} />
  ) : (
    <span
      aria-hidden
      className={cn("h-2.5 w-2.5 shrink-0 rounded-sm", isMuted && "opacity-40")}
      style={{ backgroundColor: color }}
    />
  );
}

/**
 * A category tick on one line, cut to `maxChars` with the whole name as its SVG title (recharts would wrap
 * a long name over two lines into the next bar's space).
 */
export function CategoryTick({
  x,
  y,
  payload,
  labelOf,
  maxChars,
}: {
  x: number | string;
  y: number | string;
  payload: { value?: unknown };
  labelOf: (value: string) => string;
  maxChars: number;
}) {
  const full = labelOf(String(payload.value ?? ""));
  return (
    <text
      x={Number(x) - 4}
      y={y}
      dy="0.355em"
      textAnchor="end"
      fontSize={AXIS_TICK.fontSize}
      fill={AXIS_TICK.fill}
    >
      <title>{full}</title>
      {truncateLabel(full, maxChars)}
    </text>
  );
}
