import Link from "next/link";
import { ExportLink } from "@/components/lists/export-link";
import { ListEmpty } from "@/components/lists/list-empty";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { ListPager } from "@/components/lists/list-pager";
import { SortHeader } from "@/components/lists/sort-header";
import { Badge, StateBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { contractState } from "@/db/schema/enums";
import { pageContext } from "@/lib/actions/context";
import {
  type ContractKind,
  contractKinds,
  contractListChoices,
  contractListSpec,
  listContractPage,
  rowCommitment,
} from "@/lib/admin/contract-list";
import { formatDate, formatMoney } from "@/lib/format";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";

export const metadata = { title: "Contracts" };

const stateLabels: Record<(typeof contractState.enumValues)[number], string> = {
  pending: "Pending (provisioning)",
  provisioning_failed: "Provisioning failed",
  trial: "Trial",
  active: "Active",
  suspended: "Suspended",
  cancelled: "Cancelled",
};

const kindLabels: Record<ContractKind, string> = {
  trial: "Trial",
  commitment: "Commitment",
  promo: "Promo",
};

export default async function ContractsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext("admin:read", "/admin/contracts");
  const params = parseListParams(contractListSpec, await searchParams);
  const [page, choices] = await Promise.all([
    listContractPage(ctx.db, params, ctx.today),
    contractListChoices(ctx.db),
  ]);
  const links = listLinks("/admin/contracts", contractListSpec, params, page);
  return (
    <>
      <PageHeader
        title="Contracts"
        description="Every reseller's contract, live and cancelled: its tier, state and commitment."
        action={<ExportLink links={links} noun="contract" />}
      />
      <ListFilterBar
        links={links}
        search={{ label: "Search contracts", hint: "Reseller name, legal name or tax id." }}
        values={{ q: params.q, ...params.filters }}
        errors={params.errors}
        fields={[
          {
            kind: "select",
            name: "state",
            label: "State",
            options: contractState.enumValues.map((s) => ({ value: s, label: stateLabels[s] })),
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
            name: "kind",
            label: "Kind",
            options: contractKinds.map((k) => ({ value: k, label: kindLabels[k] })),
          },
        ]}
      />
      <Card>
        {page.rows.length === 0 ? (
          <ListEmpty links={links} noun="contracts">
            <EmptyState title="No contracts yet">
              A contract starts when a reseller orders a tier or a trial on the storefront.
            </EmptyState>
          </ListEmpty>
        ) : (
          <Table caption="Contracts">
            <thead>
              <tr>
                <SortHeader links={links} sort="reseller">
                  Reseller
                </SortHeader>
                <SortHeader links={links} sort="tier">
                  Tier
                </SortHeader>
                <Th>Kind</Th>
                <Th>State</Th>
                <Th>Currency</Th>
                <Th numeric>Commitment</Th>
                <Th>Ramp-up</Th>
                <SortHeader links={links} sort="started">
                  Started
                </SortHeader>
                <Th>Paid from</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((r) => {
                const commitment = rowCommitment(r);
                return (
                  <tr key={r.id}>
                    <Td className="font-medium text-slate-900">
                      <Link href={`/admin/resellers/${r.resellerId}`} className="text-brand hover:underline">
                        {r.reseller}
                      </Link>
                    </Td>
                    <Td>{r.tier}</Td>
                    <Td>{kindLabels[r.kind]}</Td>
                    <Td>
                      <StateBadge state={r.state} />
                    </Td>
                    <Td>{r.currency}</Td>
                    <Td numeric>
                      {commitment ? (
                        <>
                          {formatMoney(commitment.amount, commitment.currency)}
                          {r.commitmentConverted ? (
                            <span className="block text-xs text-slate-500">at today's FX rate</span>
                          ) : (
                            commitment.currency !== r.currency && (
                              <span className="block text-xs text-slate-500">
                                in {r.currency} at the FX rate
                              </span>
                            )
                          )}
                        </>
                      ) : (
                        "—"
                      )}
                    </Td>
                    <Td>
                      {r.kind === "trial" ? (
                        "—"
                      ) : (
                        <span className="flex flex-wrap items-center gap-1">
                          {r.rampUpCycles === 1 ? "1 cycle" : `${r.rampUpCycles} cycles`}
                          {r.rampUpOverridden && <Badge tone="amber">override</Badge>}
                        </span>
                      )}
                    </Td>
                    <Td>{formatDate(r.createdAt)}</Td>
                    <Td>
                      {r.paidStart
                        ? formatDate(r.paidStart)
                        : r.trialEndsOn
                          ? `trial to ${formatDate(r.trialEndsOn)}`
                          : "—"}
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
        <ListPager
          links={links}
          count={page.count}
          noun={{ one: "contract", other: "contracts" }}
          size={params.size}
        />
      </Card>
    </>
  );
}
