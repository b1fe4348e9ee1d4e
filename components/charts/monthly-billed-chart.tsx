"use client";
import Link from "next/link";
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
import type { MonthlyHistory } from "@/lib/dashboard/types";
import { formatMoney } from "@/lib/format";
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
import { GRID_COLOR, monthLabel, OTHER_COLOR, PALETTE, REFERENCE_COLOR, toNumber } from "./format";

type Month = MonthlyHistory["months"][number];

export type MonthlyBilledChartProps = {
  data: MonthlyHistory | null | undefined;
  currency: string;
  loading?: boolean;
  /** px; 300 by default. */
  height?: number;
  title?: string;
  /** Without ".csv"; "billed-per-month" by default. */
  filename?: string;
  /** Where an invoiced month links in the table (the portal's or the back office's invoice page). */
  invoiceHref?: ((invoiceId: string) => string) | null;
};

const CONSUMPTION_COLOR = PALETTE[0];
const TOP_UP_COLOR = PALETTE[1];

const SOURCE_LABEL: Record<Month["source"], string> = {
  invoice: "Invoice",
  estimate: "Estimate",
  none: "—",
};

type Point = {
  month: string;
  consumption: number;
  topUp: number;
  /** The commitment in force, null when waived (the line breaks there). */
  commitment: number | null;
  /** The waived commitment, drawn as its own dashed line. */
  waived: number | null;
  isEstimate: boolean;
  raw: Month;
};

/**
 * Twelve months of billed totals: consumption and top-up stacked (an issued invoice, or this month's
 * estimate drawn lighter), the commitment as a stepped line, a waived (ramp-up) commitment dashed.
 */
export function MonthlyBilledChart({
  data,
  currency,
  loading,
  height = 300,
  title = "Billed per month",
  filename = "billed-per-month",
  invoiceHref,
}: MonthlyBilledChartProps) {
  const months = data?.months ?? [];
  const points: Point[] = months.map((m) => ({
    month: m.month,
    consumption: toNumber(m.consumption),
    topUp: toNumber(m.topUp),
    commitment: m.rampUpWaived || m.source === "none" ? null : toNumber(m.commitment),
    waived: m.rampUpWaived ? toNumber(m.commitment) : null,
    isEstimate: m.source === "estimate",
    raw: m,
  }));
  const hasWaived = months.some((m) => m.rampUpWaived);
  const hasEstimate = months.some((m) => m.source === "estimate");
  const maxValue = Math.max(0, ...months.flatMap((m) => [toNumber(m.total), toNumber(m.commitment)]));

  const columns: ChartColumn[] = [
    { key: "month", label: "Month" },
    { key: "source", label: "Source" },
    { key: "consumption", label: "Consumption", numeric: true },
    { key: "topUp", label: "Top-up", numeric: true },
    { key: "commitment", label: "Commitment", numeric: true },
    { key: "total", label: "Total", numeric: true },
  ];
  const rows = months.map((m) => ({
    month:
      m.invoiceId && invoiceHref ? (
        <Link href={invoiceHref(m.invoiceId)} className="font-medium text-brand hover:underline">
          {monthLabel(m.month)}
        </Link>
      ) : (
        monthLabel(m.month)
      ),
    source: SOURCE_LABEL[m.source],
    consumption: formatMoney(m.consumption, currency),
    topUp: formatMoney(m.topUp, currency),
    commitment: `${formatMoney(m.commitment, currency)}${m.rampUpWaived ? " (waived)" : ""}`,
    total: formatMoney(m.total, currency),
  }));
  const csvRows = months.map((m) => ({
    month: m.month,
    source: m.source,
    consumption: m.consumption,
    topUp: m.topUp,
    commitment: m.commitment,
    waived: m.rampUpWaived ? "yes" : "no",
    total: m.total,
    currency,
  }));

  const legend: LegendItem[] = [
    { label: "Consumption", color: CONSUMPTION_COLOR },
    { label: "Top-up to commitment", color: TOP_UP_COLOR },
    { label: "Commitment", color: REFERENCE_COLOR, isLine: true },
    ...(hasWaived ? [{ label: "Commitment waived (ramp-up)", color: OTHER_COLOR, isLine: true }] : []),
  ];

  return (
    <ChartFrame
      title={title}
      description="Consumption and any top-up to the commitment, per month: issued invoices, and this month's estimate."
      filename={filename}
      columns={columns}
      rows={rows}
      csvRows={csvRows}
      csvColumns={[
        ...columns.slice(0, 5),
        { key: "waived", label: "Commitment waived" },
        { key: "total", label: "Total" },
        { key: "currency", label: "Currency" },
      ]}
      height={height}
      loading={loading}
      isEmpty={months.every((m) => m.source === "none")}
      empty={{
        title: "No billed months yet",
        body: "Invoices and this month's estimate appear here once the contract is billing.",
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
              return (
                <TooltipCard
                  title={`${monthLabel(m.month)}${m.source === "none" ? "" : ` · ${SOURCE_LABEL[m.source]}`}`}
                  lines={[
                    {
                      label: "Consumption",
                      value: formatMoney(m.consumption, currency),
                      color: CONSUMPTION_COLOR,
                    },
                    { label: "Top-up", value: formatMoney(m.topUp, currency), color: TOP_UP_COLOR },
                    {
                      label: m.rampUpWaived ? "Commitment (waived)" : "Commitment",
                      value: formatMoney(m.commitment, currency),
                      color: m.rampUpWaived ? OTHER_COLOR : REFERENCE_COLOR,
                      isLine: true,
                    },
                    { label: "Total", value: formatMoney(m.total, currency), isStrong: true },
                  ]}
                  note={
                    m.source === "estimate" ? "Estimate: usage so far, rated like the invoice." : undefined
                  }
                />
              );
            }}
          />
          <Legend
            verticalAlign="bottom"
            content={() => (
              <LegendList
                items={legend}
                note={hasEstimate ? "Lighter, dashed bars: this month's estimate." : undefined}
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
            dataKey="topUp"
            name="Top-up"
            stackId="billed"
            fill={TOP_UP_COLOR}
            maxBarSize={40}
            shape={EstimateBar}
          />
          <Line
            {...NO_ANIMATION}
            type="step"
            dataKey="commitment"
            name="Commitment"
            stroke={REFERENCE_COLOR}
            strokeWidth={2}
            dot={{ r: 2.5, fill: REFERENCE_COLOR, strokeWidth: 0 }}
            activeDot={false}
            connectNulls={false}
          />
          {hasWaived && (
            <Line
              {...NO_ANIMATION}
              type="step"
              dataKey="waived"
              name="Commitment waived"
              stroke={OTHER_COLOR}
              strokeWidth={2}
              strokeDasharray="4 3"
              dot={{ r: 2.5, fill: OTHER_COLOR, strokeWidth: 0 }}
              activeDot={false}
              connectNulls={false}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

function summarise(months: Month[], currency: string): string {
  const billed = months.filter((m) => m.source !== "none");
  const first = billed[0];
  const last = billed.at(-1);
  if (!first || !last) return "No billed months yet.";
  const source = last.source === "estimate" ? "estimated" : "invoiced";
  return (
    `Bar chart of the billed total per month, ${monthLabel(first.month)} to ${monthLabel(last.month)}, ` +
    `with the commitment as a line. ${monthLabel(last.month)}: ${formatMoney(last.total, currency)} ${source}.`
  );
}
