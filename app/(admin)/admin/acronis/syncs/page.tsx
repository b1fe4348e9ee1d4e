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
import { jobStatus, syncKind } from "@/db/schema/enums";
import { pageContext } from "@/lib/actions/context";
import { listSyncRunPage, syncRunKindText, syncRunListSpec } from "@/lib/admin/sync-run-list";
import { formatDateTime } from "@/lib/format";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";

export const metadata = { title: "Usage sync runs" };

export default async function SyncRunsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext("admin:read", "/admin/acronis/syncs");
  const params = parseListParams(syncRunListSpec, await searchParams);
  const page = await listSyncRunPage(ctx.db, params);
  const links = listLinks("/admin/acronis/syncs", syncRunListSpec, params, page);
  return (
    <>
      <PageHeader
        title="Usage sync runs"
        description={
          <>
            Every pull of usage from Acronis: hourly, on demand and at month close, with what each read and
            the errors it met. Start one from{" "}
            <Link href="/admin/acronis" className="font-medium text-brand hover:underline">
              Acronis datacenters
            </Link>
            .
          </>
        }
        action={<ExportLink links={links} noun="sync run" />}
      />
      <ListFilterBar
        links={links}
        search={{ label: "Search errors", hint: "A tenant id or words of an error message." }}
        values={{ q: params.q, ...params.filters }}
        errors={params.errors}
        fields={[
          {
            kind: "select",
            name: "kind",
            label: "Kind",
            options: syncKind.enumValues.map((k) => ({ value: k, label: k.replaceAll("_", " ") })),
          },
          {
            kind: "select",
            name: "status",
            label: "Status",
            options: jobStatus.enumValues.map((s) => ({ value: s, label: s })),
          },
          { kind: "month", name: "period", label: "Month closed" },
          { kind: "date", name: "from", label: "Started from" },
          { kind: "date", name: "to", label: "Started up to" },
        ]}
      />
      <Card>
        {page.rows.length === 0 ? (
          <ListEmpty links={links} noun="sync runs">
            <EmptyState title="No sync yet">
              Usage is pulled every hour once a datacenter is connected; an admin can also sync now from the
              Acronis page.
            </EmptyState>
          </ListEmpty>
        ) : (
          <Table caption="Usage sync runs">
            <thead>
              <tr>
                <SortHeader links={links} sort="started">
                  Started
                </SortHeader>
                <Th>Kind</Th>
                <Th>Status</Th>
                <Th>Finished</Th>
                <Th numeric>Tenants</Th>
                <Th numeric>Rows</Th>
                <Th>Errors</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((r) => (
                <tr key={r.id} className="align-top">
                  <Td>{formatDateTime(r.startedAt)}</Td>
                  <Td>{syncRunKindText(r)}</Td>
                  <Td>
                    <StateBadge state={r.status} />
                  </Td>
                  <Td>{r.finishedAt ? formatDateTime(r.finishedAt) : "—"}</Td>
                  <Td numeric>{r.tenants}</Td>
                  <Td numeric>{r.rows}</Td>
                  <Td className="min-w-[12rem] max-w-sm whitespace-normal break-words text-xs text-red-700">
                    {r.errorCount > 0 ? (
                      <>
                        <span className="font-medium">
                          {r.errorCount === 1 ? "1 error" : `${r.errorCount} errors`}
                        </span>
                        {r.firstError ? `: ${r.firstError}` : ""}
                        {r.errorCount > 1 && (
                          <span className="block text-slate-500">
                            {r.errorCount - 1} more in the CSV export
                          </span>
                        )}
                      </>
                    ) : (
                      ""
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <ListPager
          links={links}
          count={page.count}
          noun={{ one: "sync run", other: "sync runs" }}
          size={params.size}
        />
      </Card>
    </>
  );
}
