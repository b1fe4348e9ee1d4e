import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { InvoiceTable } from "@/components/invoices/invoice-table";
import { ExportLink } from "@/components/lists/export-link";
import { ListEmpty } from "@/components/lists/list-empty";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { ListPager } from "@/components/lists/list-pager";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { StateBadge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Progress } from "@/components/ui/progress";
import { pageContext } from "@/lib/actions/context";
import { getBillingRunPage } from "@/lib/admin/billing";
import { invoiceCurrencyChoices, runInvoiceListSpec } from "@/lib/admin/invoice-list";
import { can } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { formatDateTime } from "@/lib/format";
import { sharedJobQueue } from "@/lib/jobs";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";
import { RunActions } from "./run-actions";

export const metadata = { title: "Billing run" };

const statuses = ["draft", "issued", "paid", "void"].map((s) => ({ value: s, label: s }));

export default async function BillingRunPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const ctx = await pageContext("admin:read", "/admin/billing");
  const user = ctx.user;
  const id = z
    .string()
    .uuid()
    .safeParse((await params).id);
  if (!id.success) notFound();
  const list = parseListParams(runInvoiceListSpec, await searchParams);
  const [view, currencies] = await Promise.all([
    getBillingRunPage(ctx.db, await sharedJobQueue(), {
      runId: id.data,
      today: ctx.today,
      params: list,
    }).catch((error: unknown) => {
      if (isAppError(error) && error.code === "not_found") notFound();
      throw error;
    }),
    invoiceCurrencyChoices(ctx.db),
  ]);
  const { run, counts, controls, invoices: page } = view;
  const links = listLinks(`/admin/billing/${run.id}`, runInvoiceListSpec, list, page);
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
        <div>
          <ListFilterBar
            links={links}
            search={{ label: "Search this run's invoices", hint: "Invoice number or reseller name." }}
            values={{ q: list.q, ...list.filters }}
            errors={list.errors}
            fields={[
              { kind: "select", name: "status", label: "Status", options: statuses },
              {
                kind: "select",
                name: "currency",
                label: "Currency",
                options: currencies.map((c) => ({ value: c, label: c })),
              },
            ]}
          />
          <Card>
            <CardHeader
              title="Invoices of this run"
              description="Review the drafts before issuing: open one to see every line."
              action={<ExportLink links={links} noun="invoice of this run" />}
            />
            {page.rows.length === 0 ? (
              <ListEmpty links={links} noun="invoices">
                <EmptyState title="No invoices yet" />
              </ListEmpty>
            ) : (
              <InvoiceTable rows={page.rows} hrefBase="/admin/invoices" showReseller links={links} />
            )}
            <ListPager
              links={links}
              count={page.count}
              noun={{ one: "invoice", other: "invoices" }}
              size={list.size}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
