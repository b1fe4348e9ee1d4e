import Link from "next/link";
import { FxCoverageWarning } from "@/components/admin/fx/fx-coverage-warning";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { StateBadge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Progress } from "@/components/ui/progress";
import { Table, Td, Th } from "@/components/ui/table";
import { pageContext } from "@/lib/actions/context";
import { listBillingRunsWithJobs } from "@/lib/admin/billing";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { recentClosedPeriods } from "@/lib/invoices";
import { shiftPeriod } from "@/lib/invoices/periods";
import { sharedJobQueue } from "@/lib/jobs";
import { RunForms } from "./billing-forms";

export const metadata = { title: "Billing runs" };

export default async function BillingPage() {
  const ctx = await pageContext("admin:read", "/admin/billing");
  const user = ctx.user;
  const runs = await listBillingRunsWithJobs(ctx.db, await sharedJobQueue());
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
        <Card>
          <CardHeader
            title="Runs"
            description={busy ? "A run is in progress; this list updates by itself." : undefined}
          />
          {runs.length === 0 ? (
            <EmptyState title="No billing runs yet">Start one for last month above.</EmptyState>
          ) : (
            <Table caption="Billing runs">
              <thead>
                <tr>
                  <Th>Period</Th>
                  <Th>Status</Th>
                  <Th>Progress</Th>
                  <Th numeric>Issued</Th>
                  <Th>Started</Th>
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
        </Card>
      </div>
    </>
  );
}
