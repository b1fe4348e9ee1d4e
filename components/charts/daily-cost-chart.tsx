"use client";
import { useMemo } from "react";
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DailySeries } from "@/lib/dashboard/types";
import { formatMoney } from "@/lib/format";
import { type ChartColumn, ChartFrame, SegmentedToggle } from "./chart-frame";
import { AXIS_TICK, hoveredDatum, LegendList, NO_ANIMATION, TooltipCard } from "./chart-parts";
import {
  axisWidth,
  dayLabel,
  formatCompactMoney,
  GRID_COLOR,
  OTHER_COLOR,
  seriesColor,
  toNumber,
} from "./format";
import { foldDailySeries, OTHER_KEY } from "./series";

export type DailyCostBy = DailySeries["by"];

export type DailyCostChartProps = {
  /** undefined or null while there is nothing yet (with `loading`, a skeleton; without, the empty state). */
  data: DailySeries | null | undefined;
  currency: string;
  /** The breakdown shown by the toggle; the parent owns it and refetches on `onByChange`. */
  by: DailyCostBy;
  onByChange: (by: DailyCostBy) => void;
  loading?: boolean;
  /** px; 300 by default. */
  height?: number;
  title?: string;
  /** Without ".csv"; `daily-cost-<month>-by-<by>` by default. */
  filename?: string;
};

const BY_OPTIONS: { value: DailyCostBy; label: string }[] = [
  { value: "customer", label: "By customer" },
  { value: "service", label: "By service" },
];

/** A day as plotted: `s0…sN` the series' numbers, `raw` and `total` the exact strings for the tooltip. */
type Point = { day: string; total: string; raw: Record<string, string> } & Record<string, unknown>;

/**
 * Month-to-date cost day by day, stacked by customer or by service: each day is the month rated with the
 * usage up to that day, so the last day is what the invoice would be if the month ended now.
 */
export function DailyCostChart({
  data,
  currency,
  by,
  onByChange,
  loading,
  height = 300,
  title = "Cost this month",
  filename,
}: DailyCostChartProps) {
  const series = useMemo(() => (data ? foldDailySeries(data) : null), [data]);
  const keys = series?.keys ?? [];
  const days = series?.days ?? [];
  const colors = keys.map((k, i) => (k.key === OTHER_KEY ? OTHER_COLOR : seriesColor(i)));

  const points: Point[] = days.map((d) => ({
    day: d.day,
    total: d.total,
    raw: d.values,
    ...Object.fromEntries(keys.map((k, i) => [`s${i}`, toNumber(d.values[k.key])])),
  }));
  const maxTotal = Math.max(0, ...days.map((d) => toNumber(d.total)));

  const columns: ChartColumn[] = [
    { key: "day", label: "Day" },
    ...keys.map((k) => ({ key: `k:${k.key}`, label: k.label, numeric: true, canWrap: true })),
    { key: "total", label: "Total", numeric: true },
  ];
  const rows = days.map((d) => ({
    day: dayLabel(d.day),
    ...Object.fromEntries(keys.map((k) => [`k:${k.key}`, formatMoney(d.values[k.key] ?? "0", currency)])),
    total: formatMoney(d.total, currency),
  }));
  const csvRows = days.map((d) => ({
    day: d.day,
    ...Object.fromEntries(keys.map((k) => [`k:${k.key}`, d.values[k.key] ?? "0"])),
    total: d.total,
    currency,
  }));

  return (
    <ChartFrame
      title={title}
      description="Each day shows the month rated with usage up to that day — the invoice if the month ended then."
      filename={filename ?? `daily-cost-${series?.month ?? "month"}-by-${by}`}
      columns={columns}
      rows={rows}
      csvRows={csvRows}
      csvColumns={[...columns, { key: "currency", label: "Currency" }]}
      height={height}
      loading={loading}
      isEmpty={days.length === 0 || keys.length === 0}
      empty={{ title: "No usage yet this month", body: "Usage appears after the next sync from Acronis." }}
      summary={summarise(series, by, currency)}
      controls={
        <SegmentedToggle label="Break down the cost" options={BY_OPTIONS} value={by} onChange={onByChange} />
      }
    >
      <ResponsiveContainer width="100%" height={height}>
        <AreaChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke={GRID_COLOR} />
          <XAxis
            dataKey="day"
            tickFormatter={dayLabel}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={{ stroke: GRID_COLOR }}
            minTickGap={16}
            interval="equidistantPreserveStart"
          />
          <YAxis
            tickFormatter={(v: number) => formatCompactMoney(v, currency)}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            width={axisWidth([formatCompactMoney(maxTotal, currency)])}
          />
          <Tooltip
            {...NO_ANIMATION}
            cursor={{ stroke: GRID_COLOR, strokeWidth: 2 }}
            content={(props) => {
              const p = hoveredDatum<Point>(props);
              if (!p) return null;
              return (
                <TooltipCard
                  title={`${dayLabel(p.day)} · month to date`}
                  lines={[
                    ...keys.map((k, i) => ({
                      label: k.label,
                      value: formatMoney(p.raw[k.key] ?? "0", currency),
                      color: colors[i],
                    })),
                    { label: "Total", value: formatMoney(p.total, currency), isStrong: true },
                  ]}
                />
              );
            }}
          />
          <Legend
            verticalAlign="bottom"
            content={() => (
              <LegendList items={keys.map((k, i) => ({ label: k.label, color: colors[i] ?? "" }))} />
            )}
          />
          {keys.map((k, i) => (
            <Area
              key={k.key}
              {...NO_ANIMATION}
              type="linear"
              dataKey={`s${i}`}
              name={k.label}
              stackId="cost"
              stroke="#FFFFFF"
              strokeWidth={1}
              fill={colors[i]}
              fillOpacity={0.9}
              activeDot={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

function summarise(series: DailySeries | null, by: DailyCostBy, currency: string): string {
  const last = series?.days.at(-1);
  const first = series?.days[0];
  if (!series || !first || !last) return "No usage yet this month.";
  const largest = series.keys.find((k) => k.key !== OTHER_KEY);
  const largestValue = largest ? last.values[largest.key] : undefined;
  const head = `Stacked area chart of the month-to-date cost by ${by}, ${dayLabel(first.day)} to ${dayLabel(last.day)}.`;
  const standing = `On ${dayLabel(last.day)} the month stands at ${formatMoney(last.total, currency)}`;
  const lead =
    largest && largestValue
      ? `; the largest ${by} is ${largest.label} at ${formatMoney(largestValue, currency)}`
      : "";
  return `${head} ${standing}${lead}.`;
}
