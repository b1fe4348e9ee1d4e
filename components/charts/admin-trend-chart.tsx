"use client";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { AdminUsageOverview } from "@/lib/dashboard/types";
import { formatMoney, formatNumber } from "@/lib/format";
import { EstimateBar } from "./bar-shapes";
import { type ChartColumn, ChartFrame } from "./chart-frame";
import {
  hoveredDatum,
  type LegendItem,
  LegendList,
  MONTH_X_AXIS,
  moneyYAxis,
  NO_ANIMATION,
  TooltipCard,
} from "./chart-parts";
import { GRID_COLOR, monthLabel, PALETTE, REFERENCE_COLOR, toNumber } from "./format";

type Month = AdminUsageOverview["months"][number];

export type AdminTrendChartProps = {
  data: AdminUsageOverview["months"] | null | undefined;
  /** The distributor's base currency (AdminUsageOverview.currency). */
  currency: string;
  loading?: boolean;
  /** px; 320 by default. */
  height?: number;
  title?: string;
  /** Without ".csv"; "billing-trend" by default. */
  filename?: string;
};

const CONSUMPTION_COLOR = PALETTE[0];
const TOP_UP_COLOR = PALETTE[1];
const WAIVED_COLOR = PALETTE[5];

const SOURCE_LABEL: Record<Month["source"], string> = {
  invoices: "Invoices",
  projection: "Projection",
};

type Point = {
  month: string;
  consumption: number;
  topUps: number;
  commitments: number;
  waived: number;
  isEstimate: boolean;
  raw: Month;
};

/**
 * Across resellers, month by month: consumption and top-ups billed (stacked; the current month's
 * projection lighter), the commitments in force as a line and the commitment waived by ramp-up as another.
 */
export function AdminTrendChart({
  data,
  currency,
  loading,
  height = 320,
  title = "Billing trend",
  filename = "billing-trend",
}: AdminTrendChartProps) {
  const months = data ?? [];
  const points: Point[] = months.map((m) => ({
    month: m.month,
    consumption: toNumber(m.consumption),
    topUps: toNumber(m.topUps),
    commitments: toNumber(m.commitments),
    waived: toNumber(m.waived),
    isEstimate: m.source === "projection",
    raw: m,
  }));
  const hasProjection = months.some((m) => m.source === "projection");
  const maxValue = Math.max(
    0,
    ...months.flatMap((m) => [toNumber(m.consumption) + toNumber(m.topUps), toNumber(m.commitments)]),
  );

  const columns: ChartColumn[] = [
    { key: "month", label: "Month" },
    { key: "source", label: "Source" },
    { key: "invoices", label: "Invoices", numeric: true },
    { key: "consumption", label: "Consumption", numeric: true },
    { key: "topUps", label: "Top-ups", numeric: true },
    { key: "commitments", label: "Commitments", numeric: true },
    { key: "waived", label: "Waived", numeric: true },
    { key: "total", label: "Total", numeric: true },
  ];
  const rows = months.map((m) => ({
    month: monthLabel(m.month),
    source: SOURCE_LABEL[m.source],
    invoices: m.source === "invoices" ? formatNumber(m.invoices, 0) : "—",
    consumption: formatMoney(m.consumption, currency),
    topUps: formatMoney(m.topUps, currency),
    commitments: formatMoney(m.commitments, currency),
    waived: formatMoney(m.waived, currency),
    total: formatMoney(m.total, currency),
  }));
  const csvRows = months.map((m) => ({
    month: m.month,
    source: m.source,
    invoices: String(m.invoices),
    consumption: m.consumption,
    topUps: m.topUps,
    commitments: m.commitments,
    waived: m.waived,
    total: m.total,
    currency,
  }));

  const legend: LegendItem[] = [
    { label: "Consumption", color: CONSUMPTION_COLOR },
    { label: "Top-ups", color: TOP_UP_COLOR },
    { label: "Commitments", color: REFERENCE_COLOR, isLine: true },
    { label: "Waived (ramp-up)", color: WAIVED_COLOR, isLine: true },
  ];

  return (
    <ChartFrame
      title={title}
      description="Consumption and top-ups billed across resellers per month, against the commitments in force."
      filename={filename}
      columns={columns}
      rows={rows}
      csvRows={csvRows}
      csvColumns={[...columns, { key: "currency", label: "Currency" }]}
      height={height}
      loading={loading}
      empty={{
        title: "Nothing billed yet",
        body: "Months appear here once invoices are issued or projections run.",
      }}
      summary={summarise(months, currency)}
    >
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart
          data={points}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke={GRID_COLOR} />
          <XAxis {...MONTH_X_AXIS} />
          <YAxis {...moneyYAxis(currency, maxValue)} />
          <Tooltip
            {...NO_ANIMATION}
            cursor={{ fill: "#F1F5F9" }}
            content={(props) => {
              const p = hoveredDatum<Point>(props);
              if (!p) return null;
              const m = p.raw;
              const source =
                m.source === "invoices"
                  ? `${formatNumber(m.invoices, 0)} invoice${m.invoices === 1 ? "" : "s"}`
                  : "projection";
              return (
                <TooltipCard
                  title={`${monthLabel(m.month)} · ${source}`}
                  lines={[
                    {
                      label: "Consumption",
                      value: formatMoney(m.consumption, currency),
                      color: CONSUMPTION_COLOR,
                    },
                    { label: "Top-ups", value: formatMoney(m.topUps, currency), color: TOP_UP_COLOR },
                    {
                      label: "Commitments",
                      value: formatMoney(m.commitments, currency),
                      color: REFERENCE_COLOR,
                      isLine: true,
                    },
                    {
                      label: "Waived",
                      value: formatMoney(m.waived, currency),
                      color: WAIVED_COLOR,
                      isLine: true,
                    },
                    { label: "Total", value: formatMoney(m.total, currency), isStrong: true },
                  ]}
                />
              );
            }}
          />
          <Legend
            verticalAlign="bottom"
            content={() => (
              <LegendList
                items={legend}
                note={hasProjection ? "Lighter, dashed bars: this month's projection." : undefined}
              />
            )}
          />
          <Bar
            {...NO_ANIMATION}
            dataKey="consumption"
            name="Consumption"
            stackId="billed"
            fill={CONSUMPTION_COLOR}
            maxBarSize={40}
            shape={EstimateBar}
          />
          <Bar
            {...NO_ANIMATION}
            dataKey="topUps"
            name="Top-ups"
            stackId="billed"
            fill={TOP_UP_COLOR}
            maxBarSize={40}
            shape={EstimateBar}
          />
          <Line
            {...NO_ANIMATION}
            type="linear"
            dataKey="commitments"
            name="Commitments"
            stroke={REFERENCE_COLOR}
            strokeWidth={2}
            dot={{ r: 2.5, fill: REFERENCE_COLOR, strokeWidth: 0 }}
            activeDot={false}
          />
          <Line
            {...NO_ANIMATION}
            type="linear"
            dataKey="waived"
            name="Waived"
            stroke={WAIVED_COLOR}
            strokeWidth={2}
            strokeDasharray="4 3"
            dot={{ r: 2.5, fill: WAIVED_COLOR, strokeWidth: 0 }}
            activeDot={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

function summarise(months: Month[], currency: string): string {
  const first = months[0];
  const last = months.at(-1);
  if (!first || !last) return "Nothing billed yet.";
  const source = last.source === "projection" ? "projected" : "invoiced";
  return (
    `Bar chart of consumption and top-ups billed per month across resellers, ${monthLabel(first.month)} to ` +
    `${monthLabel(last.month)}, with the commitments and the waived commitment as lines. ` +
    `${monthLabel(last.month)}: ${formatMoney(last.total, currency)} ${source}, ` +
    `${formatMoney(last.waived, currency)} waived.`
  );
}
