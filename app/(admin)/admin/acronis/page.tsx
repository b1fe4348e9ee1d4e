import { StateBadge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { pageContext } from "@/lib/actions/context";
import { listSyncRuns } from "@/lib/admin/queries";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { SyncNow, TestConnection } from "./acronis-forms";

export const metadata = { title: "Acronis" };

export default async function AcronisPage() {
  const ctx = await pageContext("admin:read", "/admin/acronis");
  const user = ctx.user;
  const runs = await listSyncRuns(ctx.db);
  const config = env();
  const simulator = config.TIERLINE_ACRONIS === "simulator";
  return (
    <>
      <PageHeader title="Acronis" description="The datacenter connection and usage sync." />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader
            title="Connection"
            description={
              simulator
                ? "The built-in Acronis simulator (no ACRONIS_BASE_URL configured)."
                : `Datacenter ${config.ACRONIS_BASE_URL ?? ""}`
            }
          />
          <CardBody>
            <TestConnection />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Usage sync"
            description="Customer tenants and their usage, pulled hourly and on demand; month close fills gaps from the daily report."
            action={<SyncNow canSync={can(user.role, "admin:write")} />}
          />
          {runs.length === 0 ? (
            <EmptyState title="No sync yet" />
          ) : (
            <Table caption="Usage sync runs">
              <thead>
                <tr>
                  <Th>Started</Th>
                  <Th>Kind</Th>
                  <Th>Status</Th>
                  <Th numeric>Tenants</Th>
                  <Th numeric>Rows</Th>
                  <Th>Errors</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {runs.map((r) => (
                  <tr key={r.id}>
                    <Td>{formatDateTime(r.startedAt)}</Td>
                    <Td>
                      {r.kind.replace("_", " ")}
                      {r.kind === "month_close" && r.period ? ` ${r.period.slice(0, 7)}` : ""}
                    </Td>
                    <Td>
                      <StateBadge state={r.status} />
                    </Td>
                    <Td numeric>{r.tenants}</Td>
                    <Td numeric>{r.rows}</Td>
                    <Td className="max-w-xs truncate text-xs text-red-700">
                      {r.errors.length ? `${r.errors.length}: ${r.errors[0]?.message ?? ""}` : ""}
                    </Td>
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
