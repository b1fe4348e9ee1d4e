import Link from "next/link";
import { notFound } from "next/navigation";
import { RateActions } from "@/components/admin/fx/rate-actions";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { pageContext } from "@/lib/actions/context";
import { can } from "@/lib/auth/permissions";
import { formatDateTime, formatRate } from "@/lib/format";
import { isValidIsoDate } from "@/lib/fx/rate-format";
import { listPairRates, type PairRate } from "@/lib/fx/rates";

export const metadata = { title: "FX rate history" };

export default async function FxPairPage({
  params,
  searchParams,
}: {
  params: Promise<{ pair: string }>;
  searchParams: Promise<{ before?: string }>;
}) {
  const { pair } = await params;
  const ctx = await pageContext("admin:read", `/admin/fx/${encodeURIComponent(pair)}`);
  const match = /^([A-Z]{3})-([A-Z]{3})$/.exec(pair);
  if (!match) notFound();
  const [, from = "", to = ""] = match;
  const { before } = await searchParams;
  const canEdit = can(ctx.user.role, "finance:write");
  const cursor = before && isValidIsoDate(before) ? before : null;
  const { rates, hasMore } = await listPairRates(ctx.db, { from, to }, ctx.today, cursor);
  const inForce = rates.find((r) => r.date <= ctx.today)?.id;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/fx" className="text-brand hover:underline">
          ← FX rates
        </Link>
      </p>
      <PageHeader
        title={`${from} → ${to}`}
        description={`1 ${from} = the rate in ${to}. Each rate lists the invoices that printed it; a rate an issued invoice used never changes.`}
      />
      <Card>
        <CardHeader title={cursor ? `Rates dated before ${cursor}` : "Rate history"} />
        {rates.length === 0 ? (
          <EmptyState title={`No ${from} → ${to} rates${cursor ? ` before ${cursor}` : ""}`}>
            <Link href="/admin/fx" className="text-brand hover:underline">
              Add one on the FX page.
            </Link>
          </EmptyState>
        ) : (
          <Table caption={`${from} to ${to} rates, newest first`}>
            <thead>
              <tr>
                <Th>Date</Th>
                <Th numeric>Rate</Th>
                <Th>Source</Th>
                <Th>Added by</Th>
                <Th>Used by</Th>
                <Th>Status</Th>
                {canEdit && <Th>Change</Th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rates.map((r) => (
                <tr key={r.id} className="align-top">
                  <Td className="font-medium text-slate-900">{r.date}</Td>
                  <Td numeric>{formatRate(r.rate)}</Td>
                  <Td>{r.source}</Td>
                  <Td>
                    {r.addedBy ?? "—"}
                    <span className="block text-xs text-slate-500">{formatDateTime(r.createdAt)}</span>
                  </Td>
                  <Td>
                    <UsedBy rate={r} />
                  </Td>
                  <Td>
                    <StatusBadge rate={r} today={ctx.today} inForce={r.id === inForce} />
                  </Td>
                  {canEdit && (
                    <Td>
                      {r.isEditable ? (
                        <RateActions
                          rate={{ id: r.id, from, to, date: r.date, rate: r.rate, source: r.source }}
                        />
                      ) : (
                        <span className="text-xs text-slate-500">
                          {r.isLocked ? "On an issued invoice" : "Dated today or earlier"}
                        </span>
                      )}
                    </Td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {(hasMore || cursor) && (
          <div className="flex flex-wrap gap-4 border-t border-slate-100 px-5 py-3 text-sm">
            {cursor && (
              <Link href={`/admin/fx/${pair}`} className="text-brand hover:underline">
                Newest rates
              </Link>
            )}
            {hasMore && (
              <Link
                href={`/admin/fx/${pair}?before=${rates.at(-1)?.date}`}
                className="text-brand hover:underline"
              >
                Older rates
              </Link>
            )}
          </div>
        )}
      </Card>
    </>
  );
}

function StatusBadge({ rate, today, inForce }: { rate: PairRate; today: string; inForce: boolean }) {
  if (rate.date > today) return <Badge tone="blue">Future</Badge>;
  if (inForce) return <Badge tone="green">In force</Badge>;
  return <Badge>Superseded</Badge>;
}

function UsedBy({ rate }: { rate: PairRate }) {
  const list = rate.invoices;
  if (list.length === 0) return <span className="text-slate-500">No invoice</span>;
  const label = `${list.length} invoice${list.length === 1 ? "" : "s"}`;
  return (
    <details>
      <summary className="cursor-pointer font-medium text-slate-800">{label}</summary>
      <ul className="mt-1 flex flex-col gap-0.5">
        {list.map((i) => (
          <li key={i.id}>
            <Link href={`/admin/invoices/${i.id}`} className="text-brand hover:underline">
              {i.number ?? "Draft"}
            </Link>{" "}
            <span className="text-xs text-slate-500">
              {i.period}
              {i.status !== "issued" ? ` · ${i.status}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
