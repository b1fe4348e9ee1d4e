"use client";
import Link from "next/link";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CustomerAmount, OtherCustomers } from "@/lib/dashboard/types";
import { formatMoney, formatNumber } from "@/lib/format";
import { HorizontalBar } from "./bar-shapes";
import { type ChartColumn, ChartFrame } from "./chart-frame";
import { AXIS_TICK, CategoryTick, hoveredDatum, NO_ANIMATION, TooltipCard } from "./chart-parts";
import { BRAND_COLOR, formatCompactMoney, GRID_COLOR, toNumber } from "./format";
import { MAX_BARS, sumDecimals } from "./series";

export type TopCustomersChartProps = {
  /** Largest amount first, as UsageSummary.customers. */
  data: CustomerAmount[] | null | undefined;
  /** Customers beyond `data`, summed (UsageSummary.otherCustomers): one last row of the table. */
  others?: OtherCustomers | null;
  /** The full customer list (search, filters, export): an "All customers →" link beside the title. */
  allHref?: string | null;
  currency: string;
  /** Where a customer's name links in the table; null for no links. */
  customerHref: ((customerId: string) => string) | null;
  loading?: boolean;
  /** px; 320 by default. */
  height?: number;
  title?: string;
  /** Without ".csv"; "cost-by-customer" by default. */
  filename?: string;
};

type Point = { id: string; name: string; value: number; amount: string; services: number };

const AXIS_NAME_CHARS = 15;
const AXIS_NAME_WIDTH = 124;

/**
 * The ten customers costing the most this month as horizontal bars; the table lists the customers given
 * (every one, or the top ones and the others summed in one row).
 */
export function TopCustomersChart({
  data,
  others = null,
  allHref = null,
  currency,
  customerHref,
  loading,
  height = 320,
  title = "Top customers",
  filename = "cost-by-customer",
}: TopCustomersChartProps) {
  const customers = data ?? [];
  const points: Point[] = customers.slice(0, MAX_BARS).map((c) => ({
    id: c.id,
    name: c.name,
    value: toNumber(c.amount),
    amount: c.amount,
    services: c.services,
  }));
  const names = new Map(points.map((p) => [p.id, p.name]));
  const nameOf = (id: string) => names.get(id) ?? "";
  const total = sumDecimals([...customers.map((c) => c.amount), ...(others ? [others.amount] : [])]);
  const othersLabel = others
    ? `${formatNumber(others.count, 0)} other customer${others.count === 1 ? "" : "s"}`
    : "";

  const columns: ChartColumn[] = [
    { key: "name", label: "Customer", canWrap: true },
    { key: "services", label: "Services", numeric: true },
    { key: "amount", label: "Amount", numeric: true },
  ];
  const rows = customers.map((c) => ({
    name: customerHref ? (
      <Link href={customerHref(c.id)} className="font-medium text-brand hover:underline">
        {c.name}
      </Link>
    ) : (
      c.name
    ),
    services: formatNumber(c.services, 0),
    amount: formatMoney(c.amount, currency),
  }));
  if (others) rows.push({ name: othersLabel, services: "", amount: formatMoney(others.amount, currency) });
  const csvRows = customers.map((c) => ({
    id: c.id,
    name: c.name,
    services: String(c.services),
    amount: c.amount,
    currency,
  }));
  if (others) csvRows.push({ id: "", name: othersLabel, services: "", amount: others.amount, currency });

  return (
    <ChartFrame
      title={title}
      description={
        others
          ? `The ${MAX_BARS} customers costing the most this month; the table lists the top ${customers.length} and sums the other ${formatNumber(others.count, 0)}.`
          : `The ${MAX_BARS} customers costing the most this month; the table lists every one.`
      }
      controls={
        allHref ? (
          <Link href={allHref} className="whitespace-nowrap text-sm font-medium text-brand hover:underline">
            All customers →
          </Link>
        ) : undefined
      }
      filename={filename}
      columns={columns}
      rows={rows}
      csvRows={csvRows}
      csvColumns={[
        { key: "id", label: "Customer ID" },
        { key: "name", label: "Customer" },
        { key: "services", label: "Services" },
        { key: "amount", label: "Amount" },
        { key: "currency", label: "Currency" },
      ]}
      totalRow={{ name: "Total", amount: formatMoney(total, currency) }}
      csvTotalRow={{ name: "Total", amount: total, currency }}
      height={height}
      loading={loading}
      empty={{
        title: "No customer usage yet",
        body: "Customers appear here once their usage is synced from Acronis.",
      }}
      summary={summarise(customers, customers.length + (others?.count ?? 0), total, currency)}
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
          {/* Categories by id: two customers may share a name. */}
          <YAxis
            type="category"
            dataKey="id"
            width={AXIS_NAME_WIDTH}
            tick={(props) => <CategoryTick {...props} labelOf={nameOf} maxChars={AXIS_NAME_CHARS} />}
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
                    { label: "Services", value: formatNumber(p.services, 0) },
                    { label: "Amount", value: formatMoney(p.amount, currency), isStrong: true },
                  ]}
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

function summarise(customers: CustomerAmount[], all: number, total: string, currency: string): string {
  const top = customers[0];
  if (!top) return "No customer usage yet.";
  const shown = Math.min(customers.length, MAX_BARS);
  return (
    `Horizontal bar chart of the ${shown} customers costing the most, of ${all} ` +
    `(${formatMoney(total, currency)} in all); the largest is ${top.name} at ${formatMoney(top.amount, currency)}.`
  );
}
