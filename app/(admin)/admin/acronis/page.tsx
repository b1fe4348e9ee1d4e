import Link from "next/link";
import { Badge, StateBadge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { pageContext } from "@/lib/actions/context";
import { LATEST_SYNC_RUNS, listSyncRuns } from "@/lib/admin/queries";
import { syncRunKindText } from "@/lib/admin/sync-run-list";
import { can } from "@/lib/auth/permissions";
import {
  type DatacenterView,
  type InfrastructureView,
  listCountryMap,
  listDatacenters,
  listInfrastructureRows,
  storageOwnerLabels,
} from "@/lib/datacenters";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { secretsKeyFromEnv } from "@/lib/security/secrets";
import { listCountries } from "@/lib/signup/countries";
import { DeleteDatacenter, MakeDefault, SyncNow, TestDatacenter } from "./acronis-forms";
import { CountryForm, RemoveCountry } from "./country-forms";
import { DatacenterForm } from "./datacenter-form";
import { InfrastructureOwnerForm } from "./infrastructure-owner-form";

export const metadata = { title: "Acronis datacenters" };

type Search = { edit?: string; added?: string; saved?: string; deleted?: string };

function LastTest({ dc }: { dc: DatacenterView }) {
  if (!dc.lastTestedAt) return <span className="text-slate-400">Not tested</span>;
  return (
    <div className="flex min-w-[10rem] max-w-[14rem] flex-col gap-1 whitespace-normal">
      <span className="flex flex-wrap items-center gap-2">
        <Badge tone={dc.lastTestOk ? "green" : "red"}>{dc.lastTestOk ? "connected" : "failed"}</Badge>
        <span className="text-xs text-slate-500">{formatDateTime(dc.lastTestedAt)}</span>
      </span>
      {dc.lastTestMessage && <span className="text-xs text-slate-600">{dc.lastTestMessage}</span>}
    </div>
  );
}

/** URL and API client; the secret only as whether one is stored. */
function Connection({ dc, simulator }: { dc: DatacenterView; simulator: boolean }) {
  return (
    <div className="flex min-w-[12rem] max-w-[18rem] flex-col gap-0.5 whitespace-normal text-xs text-slate-600">
      <span className="break-all font-mono text-slate-800">{dc.baseUrl ?? "—"}</span>
      {dc.clientId && <span className="break-all font-mono">client {dc.clientId}</span>}
      <span>
        {dc.fromEnv
          ? simulator
            ? "built-in Acronis simulator"
            : "from ACRONIS_* (environment)"
          : `secret ${dc.hasSecret ? "••• set" : "missing"}`}
      </span>
    </div>
  );
}

function DatacenterTable({
  rows,
  canEdit,
  simulator,
}: {
  rows: DatacenterView[];
  canEdit: boolean;
  simulator: boolean;
}) {
  return (
    <Table caption="Acronis datacenters">
      <thead>
        <tr>
          <Th>Datacenter</Th>
          <Th>Connection</Th>
          <Th numeric>Resellers</Th>
          <Th>Countries</Th>
          <Th>Last test</Th>
          {canEdit && (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((dc) => (
          <tr key={dc.id} className="align-top">
            <Td className="font-medium text-slate-900">
              <span className="flex flex-wrap items-center gap-2">
                {dc.name}
                {dc.isDefault && <Badge tone="blue">default</Badge>}
                {dc.fromEnv && <Badge>environment</Badge>}
              </span>
            </Td>
            <Td>
              <Connection dc={dc} simulator={simulator} />
            </Td>
            <Td numeric>{dc.resellers}</Td>
            <Td className="max-w-[8rem] whitespace-normal text-xs">{dc.countries.join(", ") || "—"}</Td>
            <Td>
              <LastTest dc={dc} />
            </Td>
            {canEdit && (
              <Td>
                <span className="flex min-w-[9rem] flex-wrap items-start justify-end gap-1 whitespace-normal">
                  <TestDatacenter id={dc.id} name={dc.name} />
                  <Link
                    href={`/admin/acronis?edit=${dc.id}#datacenter-form`}
                    className={buttonClass("ghost", "px-2 py-1")}
                    aria-label={`Edit ${dc.name}`}
                  >
                    Edit
                  </Link>
                  {!dc.isDefault && <MakeDefault id={dc.id} name={dc.name} />}
                  {!dc.fromEnv && !dc.isDefault && <DeleteDatacenter id={dc.id} name={dc.name} />}
                </span>
              </Td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function Infrastructures({
  datacenters,
  rows,
  canEdit,
}: {
  datacenters: DatacenterView[];
  rows: InfrastructureView[];
  canEdit: boolean;
}) {
  return (
    <div className="flex flex-col divide-y divide-slate-100">
      {datacenters.map((dc) => {
        const own = rows.filter((r) => r.datacenterId === dc.id);
        return (
          <section key={dc.id} aria-labelledby={`infra-${dc.id}`} className="px-5 py-4">
            <h3 id={`infra-${dc.id}`} className="text-sm font-semibold text-slate-900">
              {dc.name}
            </h3>
            {own.length === 0 ? (
              <p className="mt-1 text-sm text-slate-500">
                None imported yet: test the datacenter to read them.
              </p>
            ) : (
              <ul className="mt-2 flex flex-col divide-y divide-slate-100">
                {own.map((infra) => (
                  <li
                    key={infra.infraId}
                    className="flex flex-col gap-3 py-3 sm:flex-row sm:items-start sm:justify-between"
                  >
                    <div className="min-w-0">
                      <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-800">
                        {infra.name}
                        {infra.owner === "partner" && <Badge tone="amber">not billed</Badge>}
                        {infra.ownerSetByStaff && <Badge>set by staff</Badge>}
                      </p>
                      <p className="break-all font-mono text-xs text-slate-500">{infra.infraId}</p>
                      <p className="text-xs text-slate-500">Last seen {formatDateTime(infra.seenAt)}</p>
                    </div>
                    {canEdit ? (
                      <div className="sm:w-80">
                        <InfrastructureOwnerForm
                          datacenterId={dc.id}
                          infraId={infra.infraId}
                          name={infra.name}
                          owner={infra.owner}
                        />
                      </div>
                    ) : (
                      <span className="text-sm text-slate-700">{storageOwnerLabels[infra.owner]}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

export default async function AcronisPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await pageContext("admin:read", "/admin/acronis");
  const canEdit = can(ctx.user.role, "admin:write");
  const [datacenters, countryMap, infrastructures, runs, search] = await Promise.all([
    listDatacenters(ctx.db),
    listCountryMap(ctx.db),
    listInfrastructureRows(ctx.db),
    listSyncRuns(ctx.db),
    searchParams,
  ]);
  const simulator = env().TIERLINE_ACRONIS === "simulator";
  const editing = canEdit ? datacenters.find((d) => d.id === search.edit) : undefined;
  const defaultDc = datacenters.find((d) => d.isDefault);
  const named = (id: string | undefined) => datacenters.find((d) => d.id === id)?.name ?? "The datacenter";
  const notice = search.added
    ? `${named(search.added)} added. Test it to check the credentials and import its storage infrastructures.`
    : search.saved
      ? `${named(search.saved)} saved.`
      : search.deleted
        ? "Datacenter deleted."
        : undefined;
  const mapped = new Set(countryMap.map((c) => c.country));

  return (
    <>
      <PageHeader
        title="Acronis datacenters"
        description="Where resellers' partner tenants live. Each reseller's provisioning, usage sync and reports go to its own datacenter."
      />
      {notice && (
        <div className="mb-4">
          <FormMessage ok message={notice} />
        </div>
      )}
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader
            title="Datacenters"
            description={`New resellers are provisioned in their country's datacenter, else in the default${defaultDc ? ` (${defaultDc.name})` : ""}. ACRONIS_* in the environment configures the one marked environment.`}
          />
          <DatacenterTable rows={datacenters} canEdit={canEdit} simulator={simulator} />
        </Card>

        {canEdit && (
          <Card>
            <div id="datacenter-form" />
            <CardHeader
              title={editing ? `Edit ${editing.name}` : "Add a datacenter"}
              description={
                editing?.fromEnv
                  ? "Its connection comes from the environment; only its name changes here."
                  : "An API client of your partner tenant in that datacenter (Acronis management portal → Settings → API clients)."
              }
              action={
                editing ? (
                  <Link href="/admin/acronis" className={buttonClass("ghost")}>
                    Cancel
                  </Link>
                ) : undefined
              }
            />
            <CardBody>
              <DatacenterForm
                key={editing?.id ?? "new"}
                canStoreSecrets={secretsKeyFromEnv() !== null}
                editing={
                  editing
                    ? {
                        id: editing.id,
                        name: editing.name,
                        baseUrl: editing.baseUrl,
                        clientId: editing.clientId,
                        hasSecret: editing.hasSecret,
                        fromEnv: editing.fromEnv,
                      }
                    : null
                }
              />
            </CardBody>
          </Card>
        )}

        <Card>
          <CardHeader
            title="Countries"
            description={`A reseller signing up from a country listed here is provisioned in its datacenter; any other country gets the default${defaultDc ? ` (${defaultDc.name})` : ""}. Existing resellers stay where they are.`}
          />
          {countryMap.length === 0 ? (
            <EmptyState title="No countries mapped">
              Every new reseller goes to the default datacenter.
            </EmptyState>
          ) : (
            <Table caption="Countries and their datacenters">
              <thead>
                <tr>
                  <Th>Country</Th>
                  <Th>Code</Th>
                  <Th>Datacenter</Th>
                  {canEdit && (
                    <Th>
                      <span className="sr-only">Actions</span>
                    </Th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {countryMap.map((c) => (
                  <tr key={c.country}>
                    <Td className="font-medium text-slate-900">{c.countryName}</Td>
                    <Td className="font-mono text-xs">{c.country}</Td>
                    <Td>{c.datacenterName}</Td>
                    {canEdit && (
                      <Td>
                        <RemoveCountry country={c.country} countryName={c.countryName} />
                      </Td>
                    )}
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          {canEdit && (
            <CardBody className="border-t border-slate-100">
              <CountryForm
                countries={listCountries().map((c) => ({
                  ...c,
                  name: mapped.has(c.code) ? `${c.name} — mapped` : c.name,
                }))}
                datacenters={datacenters.map((d) => ({ id: d.id, name: d.name }))}
              />
            </CardBody>
          )}
        </Card>

        <Card>
          <CardHeader
            title="Storage infrastructures"
            description="Storage usage is billed by who owns the storage: Acronis-hosted and hyperscaler storage on their own services, partner-owned storage not at all. Imported by each datacenter's test; staff may correct an owner."
          />
          <Infrastructures datacenters={datacenters} rows={infrastructures} canEdit={canEdit} />
        </Card>

        <Card>
          <CardHeader
            title="Usage sync"
            description={`Customer tenants and their usage, pulled hourly and on demand from each reseller's datacenter; month close fills gaps from the daily report. The latest ${LATEST_SYNC_RUNS} runs:`}
            action={<SyncNow canSync={canEdit} />}
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
                    <Td>{syncRunKindText(r)}</Td>
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
          {runs.length > 0 && (
            <div className="border-t border-slate-100 px-5 py-3 text-sm">
              <Link href="/admin/acronis/syncs" className="font-medium text-brand hover:underline">
                All sync runs →
              </Link>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
