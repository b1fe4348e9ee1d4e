import Link from "next/link";
import { FxCoverageWarning } from "@/components/admin/fx/fx-coverage-warning";
import { ExportLink } from "@/components/lists/export-link";
import { ListEmpty } from "@/components/lists/list-empty";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { ListPager } from "@/components/lists/list-pager";
import { SortHeader } from "@/components/lists/sort-header";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { StateBadge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Progress } from "@/components/ui/progress";
import { Table, Td, Th } from "@/components/ui/table";
import { pageContext } from "@/lib/actions/context";
import { billingRunListSpec, billingRunStatuses, listBillingRunPage } from "@/lib/admin/billing";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { recentClosedPeriods } from "@/lib/invoices";
import { shiftPeriod } from "@/lib/invoices/periods";
import { sharedJobQueue } from "@/lib/jobs";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";
import { RunForms } from "./billing-forms";

export const metadata = { title: "Billing runs" };

const statuses = billingRunStatuses.map((s) => ({ value: s, label: s }));

export default async function BillingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext("admin:read", "/admin/billing");
  const user = ctx.user;
  const params = parseListParams(billingRunListSpec, await searchParams);
  const page = await listBillingRunPage(ctx.db, await sharedJobQueue(), params);
  const links = listLinks("/admin/billing", billingRunListSpec, params, page);
  const runs = page.rows;
  const busy = runs.some((r) => r.working);
  const today = ctx.today;
  return (
    <>
      <AutoRefresh active={busy} />
      <PageHeader title="Billing runs" description="Preview, draft, review and issue the monthly invoices." />
      <div className="flex flex-col gap-6">
        <FxCoverageWarning db={ctx.db} period={recentClosedPeriods(today, 1)[0] ?? ""} />
        <Card>
          <CardHeader title="Run a period" />
          <CardBody>
            <RunForms
              closedPeriods={recentClosedPeriods(today, 12)}
              currentPeriod={today.slice(0, 7)}
              nextPeriod={shiftPeriod(today.slice(0, 7), 1)}
              canRun={can(user.role, "finance:write")}
            />
          </CardBody>
        </Card>
        <div>
          <ListFilterBar
            links={links}
            search={{
              label: "Search billing runs",
              hint: "A period (2026 or 2026-10) or words of a run's error.",
            }}
            values={{ q: params.q, ...params.filters }}
            errors={params.errors}
            fields={[
              { kind: "select", name: "status", label: "Status", options: statuses },
              { kind: "month", name: "period", label: "Period" },
            ]}
          />
          <Card>
            <CardHeader
              title="Runs"
              description={busy ? "A run is in progress; this list updates by itself." : undefined}
              action={<ExportLink links={links} noun="billing run" />}
            />
            {runs.length === 0 ? (
              <ListEmpty links={links} noun="billing runs">
                <EmptyState title="No billing runs yet">Start one for last month above.</EmptyState>
              </ListEmpty>
            ) : (
              <Table caption="Billing runs">
                <thead>
                  <tr>
                    <SortHeader links={links} sort="period">
                      Period
                    </SortHeader>
                    <Th>Status</Th>
                    <Th>Progress</Th>
                    <Th numeric>Issued</Th>
                    <SortHeader links={links} sort="started">
                      Started
                    </SortHeader>
                    <Th>Finished</Th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {runs.map((r) => (
                    <tr key={r.id}>
                      <Td>
                        <Link
                          href={`/admin/billing/${r.id}`}
                          className="font-medium text-brand hover:underline"
                        >
                          {r.period}
                        </Link>
                      </Td>
                      <Td>
                        <StateBadge state={r.status} />
                      </Td>
                      <Td>
                        <Progress
                          value={r.processedContracts}
                          max={r.totalContracts}
                          label={`Run ${r.period} progress`}
                        />
                      </Td>
                      <Td numeric>{r.issuedInvoices}</Td>
                      <Td>{formatDateTime(r.startedAt)}</Td>
                      <Td>{formatDateTime(r.finishedAt)}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
            <ListPager
              links={links}
              count={page.count}
              noun={{ one: "billing run", other: "billing runs" }}
              size={params.size}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
