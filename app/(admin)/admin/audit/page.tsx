import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { pageContext } from "@/lib/actions/context";
import { listAudit } from "@/lib/admin/queries";
import { formatDateTime } from "@/lib/format";

export const metadata = { title: "Audit log" };

export default async function AuditPage() {
  const ctx = await pageContext("admin:read", "/admin/audit");
  const rows = await listAudit(ctx.db);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed what, newest first. Entries are never edited or removed."
      />
      <Card>
        {rows.length === 0 ? (
          <EmptyState title="Nothing recorded yet" />
        ) : (
          <Table caption="Audit log">
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Who</Th>
                <Th>Action</Th>
                <Th>Subject</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <Td>{formatDateTime(r.at)}</Td>
                  <Td>{r.actorLabel}</Td>
                  <Td className="font-mono text-xs">{r.action}</Td>
                  <Td className="text-xs text-slate-500">
                    {r.entityType}
                    {r.entityId ? ` ${r.entityId.slice(0, 8)}` : ""}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
