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
import { jobStatus, provisioningKind } from "@/db/schema/enums";
import { pageContext } from "@/lib/actions/context";
import {
  listProvisioningPage,
  type ProvisioningListRow,
  provisioningDatacenterChoices,
  provisioningListSpec,
} from "@/lib/admin/provisioning-list";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";

export const metadata = { title: "Provisioning" };

const label = (value: string) => value.replaceAll("_", " ");

/** Where the job is: the step it runs, waits to retry or failed on; nothing once every step succeeded. */
function StepCell({ row }: { row: ProvisioningListRow }) {
  if (!row.step) return <span className="text-slate-400">—</span>;
  const state =
    row.stepStatus === "failed"
      ? "failed"
      : row.stepStatus === "running"
        ? "running"
        : row.status === "running"
          ? "waiting to retry"
          : "queued";
  return (
    <span className="flex flex-col">
      <span className="font-mono text-xs text-slate-800">{label(row.step)}</span>
      <span className={row.stepStatus === "failed" ? "text-xs text-red-700" : "text-xs text-slate-500"}>
        {state}
      </span>
    </span>
  );
}

export default async function ProvisioningPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext("admin:read", "/admin/provisioning");
  const params = parseListParams(provisioningListSpec, await searchParams);
  const [page, datacenters] = await Promise.all([
    listProvisioningPage(ctx.db, params),
    provisioningDatacenterChoices(ctx.db),
  ]);
  const links = listLinks("/admin/provisioning", provisioningListSpec, params, page);
  const canRetry = can(ctx.user.role, "admin:write");
  return (
    <>
      <PageHeader
        title="Provisioning"
        description="Every change pushed to Acronis for every reseller, with the step it is at and the last Acronis error. Retry a failed order from its reseller's page."
        action={<ExportLink links={links} noun="provisioning job" />}
      />
      <ListFilterBar
        links={links}
        search={{ label: "Search provisioning", hint: "Reseller name or Acronis login." }}
        values={{ q: params.q, ...params.filters }}
        errors={params.errors}
        fields={[
          {
            kind: "select",
            name: "status",
            label: "Status",
            options: jobStatus.enumValues.map((s) => ({ value: s, label: s })),
          },
          {
            kind: "select",
            name: "kind",
            label: "Change",
            options: provisioningKind.enumValues.map((k) => ({ value: k, label: label(k) })),
          },
          {
            kind: "select",
            name: "datacenter",
            label: "Datacenter",
            options: datacenters.map((d) => ({ value: d.id, label: d.name })),
          },
          { kind: "date", name: "from", label: "Created from" },
          { kind: "date", name: "to", label: "Created up to" },
        ]}
      />
      <Card>
        {page.rows.length === 0 ? (
          <ListEmpty links={links} noun="provisioning jobs">
            <EmptyState title="Nothing pushed to Acronis yet">
              A job appears here when a reseller orders, changes tier, converts a trial, or is suspended,
              resumed or cancelled.
            </EmptyState>
          </ListEmpty>
        ) : (
          <Table caption="Provisioning jobs">
            <thead>
              <tr>
                <Th>Reseller</Th>
                <Th>Change</Th>
                <Th>Status</Th>
                <Th>Step</Th>
                <Th numeric>Attempts</Th>
                <Th>Last error</Th>
                <Th>Datacenter</Th>
                <SortHeader links={links} sort="created">
                  Created
                </SortHeader>
                <Th>Updated</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((r) => (
                <tr key={r.id} className="align-top">
                  <Td className="font-medium text-slate-900">
                    <Link href={`/admin/resellers/${r.resellerId}`} className="text-brand hover:underline">
                      {r.reseller}
                    </Link>
                    {r.acronisLogin && (
                      <span className="block font-mono text-xs font-normal text-slate-500">
                        {r.acronisLogin}
                      </span>
                    )}
                  </Td>
                  <Td>{label(r.kind)}</Td>
                  <Td>
                    <StateBadge state={r.status} />
                    {canRetry && r.status === "failed" && r.contractState === "provisioning_failed" && (
                      <Link
                        href={`/admin/resellers/${r.resellerId}`}
                        className="mt-1 block text-xs font-medium text-brand hover:underline"
                        aria-label={`Retry on ${r.reseller}'s page`}
                      >
                        Retry on its page
                      </Link>
                    )}
                  </Td>
                  <Td>
                    <StepCell row={r} />
                  </Td>
                  <Td numeric>{r.attempts}</Td>
                  <Td className="min-w-[12rem] max-w-sm whitespace-normal break-words text-xs text-red-700">
                    {r.lastError ?? ""}
                  </Td>
                  <Td>{r.datacenter}</Td>
                  <Td>{formatDateTime(r.createdAt)}</Td>
                  <Td>{formatDateTime(r.updatedAt)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <ListPager
          links={links}
          count={page.count}
          noun={{ one: "provisioning job", other: "provisioning jobs" }}
          size={params.size}
        />
      </Card>
    </>
  );
}
