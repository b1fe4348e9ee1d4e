"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ServiceAmount } from "@/lib/dashboard/types";
import { formatMoney, formatNumber } from "@/lib/format";
import { HorizontalBar } from "./bar-shapes";
import { type ChartColumn, ChartFrame } from "./chart-frame";
import { AXIS_TICK, CategoryTick, hoveredDatum, NO_ANIMATION, TooltipCard } from "./chart-parts";
import { BRAND_COLOR, formatCompactMoney, GRID_COLOR, toNumber } from "./format";
import { foldTail, MAX_BARS, sumDecimals } from "./series";

export type ServiceBreakdownChartProps = {
  /** Largest amount first, as UsageSummary.services. */
  data: ServiceAmount[] | null | undefined;
  currency: string;
  loading?: boolean;
  /** px; 320 by default. */
  height?: number;
  title?: string;
  /** Without ".csv"; "cost-by-service" by default. */
  filename?: string;
};

/** A bar: one service, or "Other" standing for `count` services (no single quantity or unit then). */
type Point = {
  name: string;
  value: number;
  amount: string;
  quantity: string | null;
  unit: string;
  count: number;
  isOther: boolean;
};

/** Characters of a service name on the axis; the tooltip and the table give it whole. */
const AXIS_NAME_CHARS = 15;
const AXIS_NAME_WIDTH = 124;

/** The month's cost per service, as horizontal bars (the largest ten; the rest as "Other"). */
export function ServiceBreakdownChart({
  data,
  currency,
  loading,
  height = 320,
  title = "Cost by service",
  filename = "cost-by-service",
}: ServiceBreakdownChartProps) {
  const services = data ?? [];
  const points: Point[] = foldTail<Point>(
    services.map((s) => ({
      name: s.name,
      value: toNumber(s.amount),
      amount: s.amount,
      quantity: s.quantity,
      unit: s.unit,
      count: 1,
      isOther: false,
    })),
    MAX_BARS,
    (rest) => {
      const amount = sumDecimals(rest.map((p) => p.amount));
      const name = `Other (${rest.length})`;
      return {
        name,
        value: toNumber(amount),
        amount,
        quantity: null,
        unit: "",
        count: rest.length,
        isOther: true,
      };
    },
  );
  const total = sumDecimals(services.map((s) => s.amount));

  const columns: ChartColumn[] = [
    { key: "name", label: "Service", canWrap: true },
    { key: "quantity", label: "Quantity", numeric: true },
    { key: "amount", label: "Amount", numeric: true },
  ];
  const rows = services.map((s) => ({
    name: s.name,
    quantity: `${formatNumber(s.quantity, 4)} ${s.unit}`,
    amount: formatMoney(s.amount, currency),
  }));
  const csvRows = services.map((s) => ({
    sku: s.sku,
    name: s.name,
    quantity: s.quantity,
    unit: s.unit,
    amount: s.amount,
    currency,
  }));

  return (
    <ChartFrame
      title={title}
      description="What each service costs this month, across your customers."
      filename={filename}
      columns={columns}
      rows={rows}
      csvRows={csvRows}
      csvColumns={[
        { key: "sku", label: "SKU" },
        { key: "name", label: "Service" },
        { key: "quantity", label: "Quantity" },
        { key: "unit", label: "Unit" },
        { key: "amount", label: "Amount" },
        { key: "currency", label: "Currency" },
      ]}
      totalRow={{ name: "Total", amount: formatMoney(total, currency) }}
      csvTotalRow={{ name: "Total", amount: total, currency }}
      height={height}
      loading={loading}
      empty={{ title: "No services billed yet", body: "Services appear here once your customers use them." }}
      summary={summarise(services, total, currency)}
    >
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={points}
          layout="vertical"
          margin={{ top: 0, right: 12, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid horizontal={false} stroke={GRID_COLOR} />
          <XAxis
            type="number"
            tickFormatter={(v: number) => formatCompactMoney(v, currency)}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            minTickGap={12}
          />
          <YAxis
            type="category"
            dataKey="name"
            width={AXIS_NAME_WIDTH}
            tick={(props) => <CategoryTick {...props} labelOf={(name) => name} maxChars={AXIS_NAME_CHARS} />}
            tickLine={false}
            axisLine={{ stroke: GRID_COLOR }}
            interval={0}
          />
          <Tooltip
            {...NO_ANIMATION}
            cursor={{ fill: "#F1F5F9" }}
            content={(props) => {
              const p = hoveredDatum<Point>(props);
              if (!p) return null;
              return (
                <TooltipCard
                  title={p.name}
                  lines={[
                    ...(p.quantity === null
                      ? []
                      : [{ label: "Quantity", value: `${formatNumber(p.quantity, 4)} ${p.unit}` }]),
                    { label: "Amount", value: formatMoney(p.amount, currency), isStrong: true },
                  ]}
                  note={p.isOther ? `${p.count} smaller services together.` : undefined}
                />
              );
            }}
          />
          <Bar
            {...NO_ANIMATION}
            dataKey="value"
            name="Amount"
            fill={BRAND_COLOR}
            maxBarSize={24}
            shape={HorizontalBar}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

function summarise(services: ServiceAmount[], total: string, currency: string): string {
  const top = services[0];
  if (!top) return "No services billed yet.";
  return (
    `Horizontal bar chart of the cost of ${services.length} service${services.length === 1 ? "" : "s"}, ` +
    `${formatMoney(total, currency)} in all; the largest is ${top.name} at ${formatMoney(top.amount, currency)}.`
  );
}
