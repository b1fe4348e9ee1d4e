import Link from "next/link";
import { StateBadge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, SelectField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { pageContext } from "@/lib/actions/context";
import { mailServerConfigured } from "@/lib/email/deliver";
import { listOutboxEmails, listOutboxTemplates } from "@/lib/email/outbox-queries";
import { formatDateTime } from "@/lib/format";
import { AttachmentMarker } from "./attachment-marker";

export const metadata = { title: "Email outbox" };

type Search = { template?: string; q?: string };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await pageContext("admin:read", "/admin/outbox");
  const params = await searchParams;
  const templates = await listOutboxTemplates(ctx.db);
  const template = templates.find((t) => t === params.template);
  const search = (params.q ?? "").slice(0, 200);
  const rows = await listOutboxEmails(ctx.db, { template, search });
  const filtered = Boolean(template || search.trim());
  return (
    <>
      <PageHeader
        title="Email outbox"
        description={
          mailServerConfigured()
            ? "Every email the platform sends, delivered through your SMTP server."
            : "Every email the platform sends. No SMTP_URL is configured, so emails are kept here (status “logged”) instead of being delivered."
        }
      />
      <Card className="mb-4">
        <CardBody>
          <form
            method="get"
            role="search"
            aria-label="Filter emails"
            className="grid gap-3 sm:grid-cols-[1fr_14rem_auto] sm:items-end"
          >
            <Field
              label="Subject or recipient contains"
              name="q"
              type="search"
              defaultValue={search}
              placeholder="e.g. INV-2026 or October 2026"
            />
            <SelectField label="Template" name="template" defaultValue={template ?? ""}>
              <option value="">All templates</option>
              {templates.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </SelectField>
            <div className="flex gap-2">
              <button type="submit" className={buttonClass("secondary")}>
                Filter
              </button>
              {filtered && (
                <Link href="/admin/outbox" className={buttonClass("ghost")}>
                  Clear
                </Link>
              )}
            </div>
          </form>
        </CardBody>
      </Card>
      <Card>
        {rows.length === 0 ? (
          filtered ? (
            <EmptyState title="No emails match">Try another template or search.</EmptyState>
          ) : (
            <EmptyState title="No emails yet">
              Password resets, verifications, invoices and reminders will appear here.
            </EmptyState>
          )
        ) : (
          <Table caption="Emails">
            <thead>
              <tr>
                <Th>Subject</Th>
                <Th>To</Th>
                <Th>Status</Th>
                <Th>Queued</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((m) => (
                <tr key={m.id} data-template={m.template}>
                  <Td className="max-w-[16rem] whitespace-normal sm:max-w-md">
                    <Link href={`/admin/outbox/${m.id}`} className="font-medium text-brand hover:underline">
                      {m.subject}
                    </Link>
                    {m.attachments > 0 && (
                      <div className="mt-0.5">
                        <AttachmentMarker count={m.attachments} />
                      </div>
                    )}
                  </Td>
                  <Td className="max-w-xs truncate" title={m.to}>
                    {m.to}
                  </Td>
                  <Td>
                    <StateBadge state={m.status} />
                  </Td>
                  <Td>{formatDateTime(m.createdAt)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      {rows.length === 100 && (
        <p className="mt-3 text-sm text-slate-500">The latest 100 emails; filter to find older ones.</p>
      )}
    </>
  );
}
