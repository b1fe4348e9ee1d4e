import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { InvoiceTable } from "@/components/invoices/invoice-table";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { StateBadge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Progress } from "@/components/ui/progress";
import { pageContext } from "@/lib/actions/context";
import { getBillingRunPage } from "@/lib/admin/billing";
import { can } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { formatDateTime } from "@/lib/format";
import { sharedJobQueue } from "@/lib/jobs";
import { RunActions } from "./run-actions";

export const metadata = { title: "Billing run" };

export default async function BillingRunPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext("admin:read", "/admin/billing");
  const user = ctx.user;
  const id = z
    .string()
    .uuid()
    .safeParse((await params).id);
  if (!id.success) notFound();
  const view = await getBillingRunPage(ctx.db, await sharedJobQueue(), {
    runId: id.data,
    today: ctx.today,
  }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const { run, counts, controls, invoices: rows } = view;
  const canWrite = can(user.role, "finance:write");
  return (
    <>
      <AutoRefresh active={controls.working} />
      <PageHeader
        title={`Billing run ${run.period}`}
        description={
          <Link href="/admin/billing" className="text-brand hover:underline">
            ← Billing runs
          </Link>
        }
        action={<StateBadge state={run.status} />}
      />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader title="Progress" description={`Started ${formatDateTime(run.startedAt)}`} />
          <CardBody className="flex flex-col gap-4">
            <Progress value={run.processedContracts} max={run.totalContracts} label="Contracts rated" />
            <p className="text-sm text-slate-600">
              {Object.entries(counts)
                .map(([status, n]) => `${n} ${status}`)
                .join(" · ") || "No invoices yet"}
            </p>
            {run.error && <p className="text-sm text-red-700">{run.error}</p>}
            {controls.working && (
              <p className="text-sm text-slate-600">
                {view.job === "active" ? "A worker is on it" : "Waiting for a worker"}: this page updates by
                itself.
              </p>
            )}
            {controls.stopped && (
              <p className="text-sm text-amber-800">
                This run stopped while {run.status === "issuing" ? "issuing" : "drafting"}: its job is{" "}
                {view.job ?? "gone"}. Resume it to finish; nothing it did is done twice.
              </p>
            )}
            {controls.blocked && <p className="text-sm text-amber-800">{controls.blocked}.</p>}
            {canWrite && <RunActions runId={run.id} canIssue={controls.canIssue} resume={controls.resume} />}
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Invoices of this run"
            description="Review the drafts before issuing: open one to see every line."
          />
          {rows.length === 0 ? (
            <EmptyState title="No invoices yet" />
          ) : (
            <InvoiceTable rows={rows} hrefBase="/admin/invoices" showReseller />
          )}
        </Card>
      </div>
    </>
  );
}
