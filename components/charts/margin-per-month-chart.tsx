"use client";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatMoney, formatNumber } from "@/lib/format";
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
import { GRID_COLOR, monthLabel, OTHER_COLOR, PALETTE, toNumber } from "./format";

/** One month of the margin report, in the base currency (MarginReport["months"]). */
export type MarginMonth = {
  month: string;
  invoices: number;
  sell: string;
  cost: string;
  margin: string;
  marginPercent: string | null;
  /** False when a currency of the month has no FX rate to the base currency: its amounts are left out. */
  complete: boolean;
};

export type MarginPerMonthChartProps = {
  data: MarginMonth[];
  /** The distributor's base currency. */
  currency: string;
  height?: number;
  /** Without ".csv". */
  filename?: string;
};

const MARGIN_COLOR = PALETTE[2];
const COST_COLOR = OTHER_COLOR;

type Point = { month: string; margin: number; cost: number; raw: MarginMonth };

/** Sell per month split into the distributor's cost and its margin (stacked), in the base currency. */
export function MarginPerMonthChart({
  data,
  currency,
  height = 300,
  filename = "margin-per-month",
}: MarginPerMonthChartProps) {
  const points: Point[] = data.map((m) => ({
    month: m.month,
    margin: toNumber(m.margin),
    cost: toNumber(m.cost),
    raw: m,
  }));
  const maxValue = Math.max(0, ...data.map((m) => toNumber(m.sell)));
  const columns: ChartColumn[] = [
    { key: "month", label: "Month" },
    { key: "invoices", label: "Invoices", numeric: true },
    { key: "sell", label: "Sell", numeric: true },
    { key: "cost", label: "Cost", numeric: true },
    { key: "margin", label: "Margin", numeric: true },
    { key: "marginPercent", label: "Margin %", numeric: true },
  ];
  const rows = data.map((m) => ({
    month: `${monthLabel(m.month)}${m.complete ? "" : " (incomplete: FX rate missing)"}`,
    invoices: formatNumber(m.invoices, 0),
    sell: formatMoney(m.sell, currency),
    cost: formatMoney(m.cost, currency),
    margin: formatMoney(m.margin, currency),
    marginPercent: m.marginPercent === null ? "—" : `${m.marginPercent}%`,
  }));
  const csvRows = data.map((m) => ({
    month: m.month,
    invoices: String(m.invoices),
    sell: m.sell,
    cost: m.cost,
    margin: m.margin,
    marginPercent: m.marginPercent ?? "",
    currency,
    complete: m.complete ? "yes" : "no",
  }));
  const legend: LegendItem[] = [
    { label: "Margin", color: MARGIN_COLOR },
    { label: "Cost (distributor discount)", color: COST_COLOR },
  ];
  return (
    <ChartFrame
      title="Margin per month"
      description={`Sell split into cost and margin, across the filtered invoices, in ${currency}.`}
      filename={filename}
      columns={columns}
      rows={rows}
      csvRows={csvRows}
      csvColumns={[
        ...columns,
        { key: "currency", label: "Currency" },
        { key: "complete", label: "Complete" },
      ]}
      height={height}
      empty={{
        title: "No issued invoices in these months",
        body: "Margins appear once a billing run issues the invoices of a month.",
      }}
      summary={summarise(data, currency)}
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
              return (
                <TooltipCard
                  title={monthLabel(m.month)}
                  lines={[
                    { label: "Sell", value: formatMoney(m.sell, currency), isStrong: true },
                    { label: "Cost", value: formatMoney(m.cost, currency), color: COST_COLOR },
                    { label: "Margin", value: formatMoney(m.margin, currency), color: MARGIN_COLOR },
                    { label: "Margin %", value: m.marginPercent === null ? "—" : `${m.marginPercent}%` },
                  ]}
                  note={m.complete ? undefined : "Incomplete: a currency has no FX rate to convert it."}
                />
              );
            }}
          />
          <Legend verticalAlign="bottom" content={() => <LegendList items={legend} />} />
          <Bar
            {...NO_ANIMATION}
            dataKey="cost"
            name="Cost"
            stackId="sell"
            fill={COST_COLOR}
            maxBarSize={40}
          />
          <Bar
            {...NO_ANIMATION}
            dataKey="margin"
            name="Margin"
            stackId="sell"
            fill={MARGIN_COLOR}
            maxBarSize={40}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

function summarise(months: MarginMonth[], currency: string): string {
  const first = months[0];
  const last = months.at(-1);
  if (!first || !last) return "No margin yet.";
  return (
    `Stacked bar chart of sell per month split into cost and margin, ${monthLabel(first.month)} to ` +
    `${monthLabel(last.month)}. ${monthLabel(last.month)}: margin ${formatMoney(last.margin, currency)}` +
    `${last.marginPercent === null ? "" : ` (${last.marginPercent}%)`}.`
  );
}
