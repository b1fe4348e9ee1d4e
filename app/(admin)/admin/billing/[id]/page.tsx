import { eq } from "drizzle-orm";
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
import { getDb } from "@/db/client";
import { billingRuns } from "@/db/schema";
import { listInvoices } from "@/lib/admin/billing";
import { requirePageUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { countRunInvoices } from "@/lib/invoices";
import { RunActions } from "./run-actions";

export const metadata = { title: "Billing run" };

const STALE_MS = 2 * 60 * 1000;

export default async function BillingRunPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("admin:read", "/admin/billing");
  const id = z
    .string()
    .uuid()
    .safeParse((await params).id);
  if (!id.success) notFound();
  const db = getDb();
  const [run] = await db.select().from(billingRuns).where(eq(billingRuns.id, id.data));
  if (!run) notFound();
  const counts = await countRunInvoices(db, run.id);
  const rows = await listInvoices(db, { runId: run.id });
  const busy = run.status === "running" || run.status === "issuing";
  // A run that stopped moving (its process died) can be resumed; so can a failed one.
  const stale = busy && Date.now() - run.updatedAt.getTime() > STALE_MS;
  const canWrite = can(user.role, "finance:write");
  return (
    <>
      <AutoRefresh active={busy && !stale} />
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
            {canWrite && (
              <RunActions
                runId={run.id}
                canIssue={run.status === "drafted" && (counts.draft ?? 0) > 0}
                canResume={run.status === "failed" || stale}
              />
            )}
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
