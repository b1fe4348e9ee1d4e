import Link from "next/link";
import { AddRateForm } from "@/components/admin/fx/add-rate-form";
import { EcbImportForm } from "@/components/admin/fx/ecb-import-form";
import { FxCoverageWarning } from "@/components/admin/fx/fx-coverage-warning";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { pageContext } from "@/lib/actions/context";
import { can } from "@/lib/auth/permissions";
import { formatRate } from "@/lib/format";
import { distributorCurrencies } from "@/lib/fx/currencies";
import { listFxPairs } from "@/lib/fx/rates";
import { lastClosedPeriod } from "@/lib/invoices/periods";

export const metadata = { title: "FX rates" };

export default async function FxPage() {
  const ctx = await pageContext("admin:read", "/admin/fx");
  const canEdit = can(ctx.user.role, "finance:write");
  const [pairs, currencies] = await Promise.all([
    listFxPairs(ctx.db, ctx.today),
    distributorCurrencies(ctx.db),
  ]);
  return (
    <>
      <PageHeader
        title="FX rates"
        description="1 unit of the first currency = the rate in the second. An invoice uses the latest rate dated on or before its invoice date (the 1st of the month after the period), stored either way round; the storefront converts with today's."
      />
      <div className="flex flex-col gap-6">
        <FxCoverageWarning db={ctx.db} period={lastClosedPeriod(ctx.today)} />
        <Card>
          <CardHeader
            title="Currency pairs"
            description={
              canEdit ? undefined : "Finance and administrators add and correct rates; you can view them."
            }
          />
          {pairs.length === 0 ? (
            <EmptyState title="No FX rates yet">
              Add a rate or import the ECB&apos;s reference rates below. Resellers billed in a currency
              without its own price list need one.
            </EmptyState>
          ) : (
            <Table caption="FX rates by currency pair">
              <thead>
                <tr>
                  <Th>Pair</Th>
                  <Th numeric>Rate today</Th>
                  <Th>Dated</Th>
                  <Th>Source</Th>
                  <Th>Next</Th>
                  <Th numeric>Rates</Th>
                  <Th numeric>Used by</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {pairs.map((p) => (
                  <tr key={`${p.from}${p.to}`}>
                    <Td>
                      <Link
                        href={`/admin/fx/${p.from}-${p.to}`}
                        className="font-medium text-brand hover:underline"
                        aria-label={`${p.from} to ${p.to}`}
                      >
                        {p.from} → {p.to}
                      </Link>
                    </Td>
                    <Td numeric>{p.current ? formatRate(p.current.rate) : "—"}</Td>
                    <Td>{p.current?.date ?? "—"}</Td>
                    <Td>{p.current?.source ?? "—"}</Td>
                    <Td>
                      {p.next ? (
                        <Badge tone="blue">
                          {formatRate(p.next.rate)} from {p.next.date}
                        </Badge>
                      ) : (
                        "—"
                      )}
                    </Td>
                    <Td numeric>{p.rates}</Td>
                    <Td numeric>
                      {p.invoices} invoice{p.invoices === 1 ? "" : "s"}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        {canEdit && (
          <>
            <Card>
              <CardHeader
                title="Add a rate"
                description="A correction of a rate in use is a new rate with a later date; only future-dated rates no issued invoice used can be corrected."
              />
              <CardBody>
                <AddRateForm today={ctx.today} currencies={[...currencies].sort()} />
              </CardBody>
            </Card>
            <Card>
              <CardHeader
                title="Import ECB reference rates"
                description="Stored as EUR → currency with source ECB, for the currencies you use, plus your base currency → currency worked out through the euro (source ECB (cross via EUR)), which is what the storefront and invoices convert with. All or nothing: a wrong line stops the whole file."
              />
              <CardBody>
                <EcbImportForm />
              </CardBody>
            </Card>
          </>
        )}
      </div>
    </>
  );
}
