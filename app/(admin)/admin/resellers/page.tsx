import Link from "next/link";
import { ExportLink } from "@/components/lists/export-link";
import { ListEmpty } from "@/components/lists/list-empty";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { ListPager } from "@/components/lists/list-pager";
import { SortHeader } from "@/components/lists/sort-header";
import { StateBadge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { resellerStatus } from "@/db/schema/enums";
import { pageContext } from "@/lib/actions/context";
import { listResellerPage, resellerListChoices, resellerListSpec } from "@/lib/admin/reseller-list";
import { can } from "@/lib/auth/permissions";
import { formatDate } from "@/lib/format";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";

export const metadata = { title: "Resellers" };

const statusLabels: Record<(typeof resellerStatus.enumValues)[number], string> = {
  pending_verification: "Email not verified",
  pending_approval: "Awaiting approval",
  active: "Active",
  closed: "Closed",
};

export default async function ResellersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext("admin:read", "/admin/resellers");
  const params = parseListParams(resellerListSpec, await searchParams);
  const [page, choices] = await Promise.all([listResellerPage(ctx.db, params), resellerListChoices(ctx.db)]);
  const links = listLinks("/admin/resellers", resellerListSpec, params, page);
  return (
    <>
      <PageHeader
        title="Resellers"
        description="Every service provider on your marketplace, with its live contract."
        action={
          <div className="flex flex-wrap gap-2">
            <ExportLink links={links} noun="reseller" />
            {can(ctx.user.role, "admin:write") && (
              <Link href="/admin/resellers/new" className={buttonClass("primary")}>
                New reseller
              </Link>
            )}
          </div>
        }
      />
      <ListFilterBar
        links={links}
        search={{
          label: "Search resellers",
          hint: "Name, legal name, tax id, billing email or Acronis login.",
        }}
        values={{ q: params.q, ...params.filters }}
        errors={params.errors}
        fields={[
          {
            kind: "select",
            name: "status",
            label: "Status",
            options: resellerStatus.enumValues.map((s) => ({ value: s, label: statusLabels[s] })),
          },
          {
            kind: "select",
            name: "tier",
            label: "Tier",
            options: choices.tiers.map((t) => ({ value: t.code, label: t.name })),
          },
          {
            kind: "select",
            name: "currency",
            label: "Currency",
            options: choices.currencies.map((c) => ({ value: c, label: c })),
          },
          {
            kind: "select",
            name: "country",
            label: "Country",
            options: choices.countries.map((c) => ({ value: c, label: c })),
          },
        ]}
      />
      <Card>
        {page.rows.length === 0 ? (
          <ListEmpty links={links} noun="resellers">
            <EmptyState title="No resellers yet">
              Resellers appear here as soon as they sign up on your storefront, or when you create one by
              hand.
            </EmptyState>
          </ListEmpty>
        ) : (
          <Table caption="Resellers">
            <thead>
              <tr>
                <SortHeader links={links} sort="name">
                  Reseller
                </SortHeader>
                <SortHeader links={links} sort="country">
                  Country
                </SortHeader>
                <Th>Currency</Th>
                <Th>Tier</Th>
                <Th>Contract</Th>
                <Th numeric>Customers</Th>
                <Th>Customer since</Th>
                <SortHeader links={links} sort="created">
                  Added
                </SortHeader>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <Td className="font-medium text-slate-900">
                    <Link href={`/admin/resellers/${r.id}`} className="text-brand hover:underline">
                      {r.name}
                    </Link>
                  </Td>
                  <Td>{r.country}</Td>
                  <Td>{r.currency}</Td>
                  <Td>{r.tier ?? "—"}</Td>
                  <Td>
                    {r.state ? (
                      <StateBadge state={r.state} />
                    ) : r.status !== "active" ? (
                      <StateBadge state={r.status} />
                    ) : (
                      "—"
                    )}
                  </Td>
                  <Td numeric>{r.customers}</Td>
                  <Td>{formatDate(r.customerSince)}</Td>
                  <Td>{formatDate(r.createdAt)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <ListPager
          links={links}
          count={page.count}
          noun={{ one: "reseller", other: "resellers" }}
          size={params.size}
        />
      </Card>
    </>
  );
}
