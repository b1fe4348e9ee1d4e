import Link from "next/link";
import { StateBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { pageContext } from "@/lib/actions/context";
import { listOutbox } from "@/lib/admin/queries";
import { mailServerConfigured } from "@/lib/email/deliver";
import { formatDateTime } from "@/lib/format";

export const metadata = { title: "Email outbox" };

export default async function OutboxPage() {
  const ctx = await pageContext("admin:read", "/admin/outbox");
  const rows = await listOutbox(ctx.db);
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
      <Card>
        {rows.length === 0 ? (
          <EmptyState title="No emails yet">
            Password resets, verifications and reminders will appear here.
          </EmptyState>
        ) : (
          <Table caption="Emails">
            <thead>
              <tr>
                <Th>To</Th>
                <Th>Subject</Th>
                <Th>Status</Th>
                <Th>Queued</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((m) => (
                <tr key={m.id}>
                  <Td>{m.to}</Td>
                  <Td>
                    <Link href={`/admin/outbox/${m.id}`} className="font-medium text-brand hover:underline">
                      {m.subject}
                    </Link>
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
    </>
  );
}
