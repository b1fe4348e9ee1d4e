import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import type { AdminUsageOverview } from "@/lib/dashboard/types";
import { formatDate, formatMoney } from "@/lib/format";

type Overview = AdminUsageOverview;

/** The reseller's read-only usage dashboard, with its back-office record one click away. */
function ResellerCell({ id, name }: { id: string; name: string }) {
  return (
    <Td className="font-medium text-slate-900">
      <Link href={`/admin/usage/${id}`} className="text-brand hover:underline">
        {name}
      </Link>
      <Link
        href={`/admin/resellers/${id}`}
        className="ml-2 text-xs font-normal text-slate-500 hover:text-brand hover:underline"
      >
        Record<span className="sr-only"> of {name}</span>
      </Link>
    </Td>
  );
}

export function BelowCommitmentCard({
  rows,
  hasProjections,
}: {
  rows: Overview["belowCommitment"];
  hasProjections: boolean;
}) {
  return (
    <Card>
      <CardHeader
        title="Projected below commitment"
        description="Paid contracts whose usage will not reach their commitment this month: they will pay a top-up. Largest gap first, in each contract's currency."
      />
      {rows.length === 0 ? (
        <EmptyState title={hasProjections ? "Every paid contract is on track" : "No projection yet"}>
          {hasProjections
            ? "No paid contract is projected to pay a top-up this month (contracts in ramp-up have their commitment waived)."
            : "Projections appear after the next usage sync; start one under Acronis if you need them now."}
        </EmptyState>
      ) : (
        <Table caption="Resellers projected below their commitment">
          <thead>
            <tr>
              <Th>Reseller</Th>
              <Th>Tier</Th>
              <Th numeric>Month to date</Th>
              <Th numeric>Projected</Th>
              <Th numeric>Commitment</Th>
              <Th numeric>Projected top-up</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => {
              const m = (amount: string) => formatMoney(amount, r.currency);
              return (
                <tr key={r.resellerId}>
                  <ResellerCell id={r.resellerId} name={r.name} />
                  <Td>{r.tier}</Td>
                  <Td numeric>{m(r.consumption)}</Td>
                  <Td numeric>{m(r.projectedConsumption)}</Td>
                  <Td numeric>{m(r.commitment)}</Td>
                  <Td numeric className="font-semibold text-amber-800">
                    {m(r.projectedTopUp)}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

function Growth({ percent }: { percent: string | null }) {
  if (percent === null) return <Badge tone="blue">new</Badge>;
  const negative = percent.startsWith("-");
  return (
    <span className={negative ? "text-red-700" : "font-semibold text-emerald-700"}>
      {negative ? "" : "+"}
      {percent}%
    </span>
  );
}

export function FastestGrowingCard({ rows }: { rows: Overview["fastestGrowing"] }) {
  return (
    <Card>
      <CardHeader
        title="Fastest growing"
        description="This month's projected consumption against last month's invoice."
      />
      {rows.length === 0 ? (
        <EmptyState title="Nothing to compare yet">
          Growth shows once last month is invoiced and this month is projected (after the next usage sync).
        </EmptyState>
      ) : (
        <Table caption="Fastest growing resellers">
          <thead>
            <tr>
              <Th>Reseller</Th>
              <Th numeric>Last month</Th>
              <Th numeric>Projected</Th>
              <Th numeric>Growth</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={`${r.resellerId}:${r.currency}`}>
                <ResellerCell id={r.resellerId} name={r.name} />
                <Td numeric>{formatMoney(r.previous, r.currency)}</Td>
                <Td numeric>{formatMoney(r.projected, r.currency)}</Td>
                <Td numeric>
                  <Growth percent={r.growthPercent} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

function daysLeftLabel(days: number): string {
  if (days <= 0) return "today";
  return days === 1 ? "tomorrow" : `in ${days} days`;
}

export function TrialsEndingCard({ rows }: { rows: Overview["trialsEnding"] }) {
  return (
    <Card>
      <CardHeader
        title="Trials ending"
        description="Trials ending in the next 14 days, with what this month would cost on their tier if they convert."
      />
      {rows.length === 0 ? (
        <EmptyState title="No trial ends in the next 14 days">
          Trials appear here two weeks before they end, so you can call the reseller about converting.
        </EmptyState>
      ) : (
        <Table caption="Trials ending in the next 14 days">
          <thead>
            <tr>
              <Th>Reseller</Th>
              <Th>Tier</Th>
              <Th>Ends</Th>
              <Th numeric>Customers</Th>
              <Th numeric>Projected consumption</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.resellerId}>
                <ResellerCell id={r.resellerId} name={r.name} />
                <Td>{r.tier}</Td>
                <Td>
                  {formatDate(r.trialEndsOn)}{" "}
                  <span className={r.daysLeft <= 3 ? "text-amber-800" : "text-slate-500"}>
                    ({daysLeftLabel(r.daysLeft)})
                  </span>
                </Td>
                <Td numeric>{r.customers}</Td>
                <Td numeric>{formatMoney(r.projectedConsumption, r.currency)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
