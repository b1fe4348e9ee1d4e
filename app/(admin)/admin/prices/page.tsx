import Link from "next/link";
import { NewVersionForm } from "@/components/admin/prices/new-version-form";
import { VersionStateBadge } from "@/components/admin/prices/version-state-badge";
import { ExportLink } from "@/components/lists/export-link";
import { ListEmpty } from "@/components/lists/list-empty";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { ListPager } from "@/components/lists/list-pager";
import { SortHeader } from "@/components/lists/sort-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { pageContext } from "@/lib/actions/context";
import { can } from "@/lib/auth/permissions";
import { formatDate, formatPeriod } from "@/lib/format";
import { shiftPeriod } from "@/lib/invoices/periods";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";
import {
  listVersionPage,
  VERSION_STATE_FILTERS,
  versionListSpec,
  versionStateLabels,
} from "@/lib/prices/version-list";
import { lastIssuedPeriod, openMonths } from "@/lib/prices/versions";
import { createVersionAction } from "./actions";

export const metadata = { title: "Price book" };

export default async function PricesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext("admin:read", "/admin/prices");
  const params = parseListParams(versionListSpec, await searchParams);
  const [page, months, issued] = await Promise.all([
    listVersionPage(ctx.db, params, ctx.today),
    openMonths(ctx.db, ctx.today),
    lastIssuedPeriod(ctx.db),
  ]);
  const canEdit = can(ctx.user.role, "finance:write");
  const next = shiftPeriod(ctx.today.slice(0, 7), 1);
  const links = listLinks("/admin/prices", versionListSpec, params, page);
  return (
    <>
      <PageHeader
        title="Price book"
        description="Sell prices and tier commitments come in versions, each in force from the 1st of a month until the next. A period is billed with the version in force on its first day; issued invoices never change."
        action={<ExportLink links={links} noun="price version" />}
      />
      <ListFilterBar
        links={links}
        search={{ label: "Search versions", hint: "Words of a version's note." }}
        values={{ q: params.q, ...params.filters }}
        errors={params.errors}
        fields={[
          {
            kind: "select",
            name: "state",
            label: "State",
            options: VERSION_STATE_FILTERS.map((s) => ({ value: s, label: versionStateLabels[s] })),
          },
        ]}
      />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader
            title="Versions"
            description="Open one for its prices per currency, CSV export and import."
          />
          {page.rows.length === 0 ? (
            <ListEmpty links={links} noun="price versions">
              <EmptyState title="No price versions yet">
                Run the seed or create the first version below.
              </EmptyState>
            </ListEmpty>
          ) : (
            <Table caption="Price versions">
              <thead>
                <tr>
                  <SortHeader links={links} sort="effective">
                    Effective from
                  </SortHeader>
                  <Th>State</Th>
                  <Th>Note</Th>
                  <Th>Changes</Th>
                  <Th>Updated</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.rows.map((v) => (
                  <tr key={v.id}>
                    <Td>
                      <Link href={`/admin/prices/${v.id}`} className="font-medium text-brand hover:underline">
                        {formatDate(v.effectiveFrom)}
                      </Link>
                    </Td>
                    <Td>
                      <VersionStateBadge state={v.state} />
                    </Td>
                    <Td className="max-w-xs truncate" title={v.note}>
                      {v.note || <span className="text-slate-400">—</span>}
                    </Td>
                    <Td>
                      {v.lockedPeriod ? (
                        <Badge tone="neutral">Locked: priced invoices for {v.lockedPeriod}</Badge>
                      ) : (
                        <span className="text-slate-600">Editable</span>
                      )}
                    </Td>
                    <Td>{formatDate(v.updatedAt)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          <ListPager
            links={links}
            count={page.count}
            noun={{ one: "price version", other: "price versions" }}
            size={params.size}
          />
        </Card>
        {canEdit && (
          <Card>
            <CardHeader
              title="New version"
              description={`Starts on the 1st of the month you choose with a copy of every price and commitment of the version in force before it; edit it before its month begins.${
                issued
                  ? ` Invoices are issued up to ${formatPeriod(issued)}: months up to then can't be re-priced.`
                  : ""
              }`}
            />
            <CardBody>
              <NewVersionForm
                months={months}
                defaultMonth={months.includes(next) ? next : (months[0] ?? "")}
                action={createVersionAction}
              />
            </CardBody>
          </Card>
        )}
      </div>
    </>
  );
}
