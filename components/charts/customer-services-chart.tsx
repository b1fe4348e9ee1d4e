"use client";
import { useId, useState } from "react";
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { CustomerUsage } from "@/lib/dashboard/types";
import { formatMoney, formatNumber } from "@/lib/format";
import { type ChartColumn, ChartFrame } from "./chart-frame";
import { AXIS_TICK, hoveredDatum, NO_ANIMATION, TooltipCard } from "./chart-parts";
import {
  axisWidth,
  BRAND_COLOR,
  dayLabel,
  formatCompactNumber,
  GRID_COLOR,
  REFERENCE_COLOR,
  toNumber,
} from "./format";

type Service = CustomerUsage["services"][number];

export type CustomerServicesChartProps = {
  data: CustomerUsage["services"] | null | undefined;
  currency: string;
  loading?: boolean;
  /** px; 260 by default. */
  height?: number;
  title?: string;
  /** Without ".csv"; the service's SKU is appended. "customer-usage" by default. */
  filename?: string;
  /** The service shown first (e.g. the page's `?service=`); the first service otherwise. */
  defaultSku?: string | null;
  /** Told when the user picks another service (e.g. to keep `?service=` in the URL). */
  onSkuChange?: (sku: string) => void;
};

type Point = { day: string; value: number; quantity: string; isBilled: boolean };

const AGGREGATION_NOTE: Record<Service["aggregation"], string> = {
  peak: "the month's peak",
  last: "the latest value",
};

/**
 * One service of one customer day by day, in billing units, with the billed day marked (the peak, or the
 * last value for cumulative services); a select picks the service.
 */
export function CustomerServicesChart({
  data,
  currency,
  loading,
  height = 260,
  title = "Usage by service",
  filename = "customer-usage",
  defaultSku,
  onSkuChange,
}: CustomerServicesChartProps) {
  const services = data ?? [];
  const [chosen, setChosen] = useState<string | null>(defaultSku ?? null);
  const service = services.find((s) => s.sku === chosen) ?? services[0];
  const selectId = useId();

  const days = service?.days ?? [];
  const unit = service?.unit ?? "";
  const points: Point[] = days.map((d) => ({
    day: d.day,
    value: toNumber(d.quantity),
    quantity: d.quantity,
    isBilled: d.day === service?.billedDay,
  }));
  const maxValue = Math.max(0, ...points.map((p) => p.value));

  const columns: ChartColumn[] = [
    { key: "day", label: "Day" },
    { key: "quantity", label: `Quantity (${unit})`, numeric: true },
  ];
  const rows = points.map((p) => ({
    day: dayLabel(p.day),
    quantity: `${formatNumber(p.quantity, 4)}${p.isBilled ? " (billed)" : ""}`,
  }));
  const csvRows = points.map((p) => ({
    day: p.day,
    quantity: p.quantity,
    unit,
    billed: p.isBilled ? "yes" : "",
  }));

  function choose(sku: string) {
    setChosen(sku);
    onSkuChange?.(sku);
  }

  const picker =
    services.length > 1 && service ? (
      <div className="flex min-w-0 items-center gap-2">
        <label htmlFor={selectId} className="text-sm font-medium text-slate-700">
          Service
        </label>
        <select
          id={selectId}
          value={service.sku}
          onChange={(e) => choose(e.currentTarget.value)}
          className="min-w-0 max-w-[14rem] truncate rounded-md border border-slate-300 bg-white py-1.5 pl-2.5 pr-8 text-sm text-slate-900 shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-blue-100"
        >
          {services.map((s) => (
            <option key={s.sku} value={s.sku}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
    ) : null;

  return (
    <ChartFrame
      title={services.length === 1 && service ? `${title}: ${service.name}` : title}
      description={service ? describeService(service, currency) : "Daily quantities in billing units."}
      filename={service ? `${filename}-${service.sku}` : filename}
      columns={columns}
      rows={rows}
      csvRows={csvRows}
      csvColumns={[
        ...columns.slice(0, 1),
        { key: "quantity", label: "Quantity" },
        { key: "unit", label: "Unit" },
        { key: "billed", label: "Billed day" },
      ]}
      height={height}
      loading={loading}
      empty={{
        title: "No usage this month",
        body: "This customer has no usage of a billed service this month.",
      }}
      summary={service ? summarise(service) : "No usage this month."}
      controls={picker}
    >
      {service && (
        <ResponsiveContainer width="100%" height={height}>
          <LineChart
            data={points}
            margin={{ top: 20, right: 16, bottom: 0, left: 0 }}
            accessibilityLayer={false}
          >
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
              tickFormatter={formatCompactNumber}
              tick={AXIS_TICK}
              tickLine={false}
              axisLine={false}
              width={axisWidth([formatCompactNumber(maxValue)])}
            />
            <Tooltip
              {...NO_ANIMATION}
              cursor={{ stroke: GRID_COLOR, strokeWidth: 2 }}
              content={(props) => {
                const p = hoveredDatum<Point>(props);
                if (!p) return null;
                return (
                  <TooltipCard
                    title={dayLabel(p.day)}
                    lines={[
                      {
                        label: service.name,
                        value: `${formatNumber(p.quantity, 4)} ${unit}`,
                        color: BRAND_COLOR,
                      },
                    ]}
                    note={p.isBilled ? `Billed: ${AGGREGATION_NOTE[service.aggregation]}.` : undefined}
                  />
                );
              }}
            />
            {service.billedDay && (
              <ReferenceLine x={service.billedDay} stroke={REFERENCE_COLOR} strokeDasharray="3 3" />
            )}
            <Line
              {...NO_ANIMATION}
              type="linear"
              dataKey="value"
              name={service.name}
              stroke={BRAND_COLOR}
              strokeWidth={2}
              dot={points.length <= 12 ? { r: 2.5, fill: BRAND_COLOR, strokeWidth: 0 } : false}
              activeDot={{ r: 4 }}
            />
            {service.billedDay && (
              <ReferenceDot
                x={service.billedDay}
                y={toNumber(service.billedQuantity)}
                r={5}
                fill={BRAND_COLOR}
                stroke="#FFFFFF"
                strokeWidth={2}
                label={{
                  value: service.aggregation,
                  position: "top",
                  offset: 8,
                  fill: REFERENCE_COLOR,
                  fontSize: 12,
                  fontWeight: 600,
                  // A white halo keeps the label legible where it crosses the line.
                  stroke: "#FFFFFF",
                  strokeWidth: 3,
                  paintOrder: "stroke",
                }}
              />
            )}
          </LineChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
}

function describeService(service: Service, currency: string): string {
  const billed = `${formatNumber(service.billedQuantity, 4)} ${service.unit}`;
  const when = service.billedDay ? `, ${dayLabel(service.billedDay)}` : "";
  return `Daily ${service.unit}. Billed: ${billed} (${AGGREGATION_NOTE[service.aggregation]}${when}), ${formatMoney(service.amount, currency)}.`;
}

function summarise(service: Service): string {
  const first = service.days[0];
  const last = service.days.at(-1);
  const range = first && last ? `, ${dayLabel(first.day)} to ${dayLabel(last.day)}` : "";
  const billed = service.billedDay
    ? ` The billed day, ${AGGREGATION_NOTE[service.aggregation]}, is ${dayLabel(service.billedDay)} at ${formatNumber(service.billedQuantity, 4)} ${service.unit}.`
    : "";
  return `Line chart of the daily quantity of ${service.name} in ${service.unit}${range}.${billed}`;
}
