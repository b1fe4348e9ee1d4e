import Link from "next/link";
import { ExportLink } from "@/components/lists/export-link";
import { ListEmpty } from "@/components/lists/list-empty";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { ListPager } from "@/components/lists/list-pager";
import { SortHeader } from "@/components/lists/sort-header";
import { StateBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { emailStatus } from "@/db/schema/enums";
import { pageContext } from "@/lib/actions/context";
import { mailServerConfigured } from "@/lib/email/deliver";
import { listOutboxPage, listOutboxTemplates, outboxListSpec } from "@/lib/email/outbox-queries";
import { formatDateTime } from "@/lib/format";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";
import { AttachmentMarker } from "./attachment-marker";

export const metadata = { title: "Email outbox" };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext("admin:read", "/admin/outbox");
  const params = parseListParams(outboxListSpec, await searchParams);
  const [page, templates] = await Promise.all([listOutboxPage(ctx.db, params), listOutboxTemplates(ctx.db)]);
  const links = listLinks("/admin/outbox", outboxListSpec, params, page);
  const template = params.filters.template;
  if (template && !templates.includes(template)) templates.unshift(template);
  return (
    <>
      <PageHeader
        title="Email outbox"
        description={
          mailServerConfigured()
            ? "Every email the platform sends, delivered through your SMTP server."
            : "Every email the platform sends. No SMTP_URL is configured, so emails are kept here (status “logged”) instead of being delivered."
        }
        action={<ExportLink links={links} noun="email" />}
      />
      <ListFilterBar
        links={links}
        search={{
          label: "Subject or recipient contains",
          placeholder: "e.g. INV-2026 or October 2026",
        }}
        values={{ q: params.q, ...params.filters }}
        errors={params.errors}
        fields={[
          {
            kind: "select",
            name: "template",
            label: "Template",
            anyLabel: "All templates",
            options: templates.map((t) => ({ value: t, label: t })),
          },
          {
            kind: "select",
            name: "status",
            label: "Status",
            options: emailStatus.enumValues.map((s) => ({ value: s, label: s })),
          },
          { kind: "date", name: "from", label: "Queued from" },
          { kind: "date", name: "to", label: "Queued up to" },
        ]}
      />
      <Card>
        {page.rows.length === 0 ? (
          <ListEmpty links={links} noun="emails">
            <EmptyState title="No emails yet">
              Password resets, verifications, invoices and reminders will appear here.
            </EmptyState>
          </ListEmpty>
        ) : (
          <Table caption="Emails">
            <thead>
              <tr>
                <Th>Subject</Th>
                <Th>To</Th>
                <Th>Status</Th>
                <SortHeader links={links} sort="created">
                  Queued
                </SortHeader>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((m) => (
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
        <ListPager
          links={links}
          count={page.count}
          noun={{ one: "email", other: "emails" }}
          size={params.size}
        />
      </Card>
    </>
  );
}
