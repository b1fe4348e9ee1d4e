import Link from "next/link";
import { ExportLink } from "@/components/lists/export-link";
import { ListEmpty } from "@/components/lists/list-empty";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { ListPager } from "@/components/lists/list-pager";
import { SortHeader } from "@/components/lists/sort-header";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Th } from "@/components/ui/table";
import type { FormAction } from "@/lib/actions/safe-action";
import type { ApiKeyListParams } from "@/lib/api-keys/key-list";
import type { ApiKeyView } from "@/lib/api-keys/keys";
import { apiKeyStatuses } from "@/lib/api-keys/status";
import { env } from "@/lib/env";
import type { ListPage } from "@/lib/lists/run";
import type { ListLinks } from "@/lib/lists/url";
import { ApiKeysTable } from "./api-keys-table";
import { CreateApiKey } from "./create-api-key";
import { type NewApiKey, toApiKeyRows } from "./rows";

/** Who the page's keys belong to, in the words the page uses. */
export type KeyAudience = "distributor" | "reseller";

const copy: Record<KeyAudience, { description: string; empty: string; read: string; write: string }> = {
  distributor: {
    description:
      "Keys for the whole channel: your ERP, PSA or accounting system reads and changes every reseller's data through the REST API.",
    empty:
      "An API key lets another system — an ERP, a PSA such as ConnectWise or Autotask, your accounting — work with the whole channel's resellers, contracts, usage and invoices through the REST API, without anyone's password.",
    read: "See resellers, contracts, customers, usage, invoices and billing runs.",
    write: "Also make changes: order and change contracts, run billing, issue credit notes.",
  },
  reseller: {
    description:
      "Keys for your own account: connect your PSA or accounting to your contract, customers, usage and invoices through the REST API.",
    empty:
      "An API key lets another system — a PSA such as ConnectWise or Autotask, your accounting — read your contract, customers, usage and invoices through the REST API, without anyone's password. A key only ever sees your own account.",
    read: "See your contract, customers, usage and invoices.",
    write: "Also make changes to your contract, such as a tier change.",
  },
};

function apiBaseUrl(): string {
  return (env().APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

function tomorrowUtc(now: Date): string {
  return new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
}

const statusLabels = { active: "Active", expired: "Expired", revoked: "Revoked" } as const;

/**
 * The API keys page of the back office and of the portal: one composition, the owner set by the page. The
 * keys are a list (issue 16): name or prefix search, status and scope filters, newest or last used first,
 * pages, a count and a CSV export; a team with no key at all sees the empty state alone.
 */
export function ApiKeysScreen({
  audience,
  links,
  params,
  page,
  now,
  createAction,
  revokeAction,
}: {
  audience: KeyAudience;
  links: ListLinks;
  params: ApiKeyListParams;
  page: ListPage<ApiKeyView>;
  now: Date;
  createAction: FormAction<NewApiKey>;
  revokeAction: FormAction<unknown>;
}) {
  const text = copy[audience];
  const noKeys = page.rows.length === 0 && !links.isFiltered && !links.isPaged;
  return (
    <>
      <PageHeader
        title="API keys"
        description={text.description}
        action={
          <div className="flex flex-wrap items-center gap-4">
            <Link
              href="/docs/api"
              className="text-sm font-medium text-brand underline-offset-2 hover:underline"
            >
              API reference
            </Link>
            {!noKeys && <ExportLink links={links} noun="API key" />}
          </div>
        }
      />
      <div className="flex min-w-0 flex-col gap-6">
        <CreateApiKey
          action={createAction}
          scopeHelp={{ read: text.read, write: text.write }}
          minExpiry={tomorrowUtc(now)}
        />
        <div className="min-w-0">
          {!noKeys && (
            <ListFilterBar
              links={links}
              search={{ label: "Search keys", hint: "Name or the key's first characters (tl_…)." }}
              values={{ q: params.q, ...params.filters }}
              errors={params.errors}
              fields={[
                {
                  kind: "select",
                  name: "status",
                  label: "Status",
                  options: apiKeyStatuses.map((value) => ({ value, label: statusLabels[value] })),
                },
                {
                  kind: "select",
                  name: "scope",
                  label: "Scope",
                  options: [
                    { value: "read", label: "read" },
                    { value: "write", label: "write" },
                  ],
                },
              ]}
            />
          )}
          <Card className="min-w-0">
            <CardHeader title="Your keys" description="A revoked or expired key is refused." />
            <ApiKeysTable
              keys={toApiKeyRows(page.rows, now)}
              revokeAction={revokeAction}
              header={
                <tr>
                  <Th>Name</Th>
                  <Th>Key</Th>
                  <Th>Scopes</Th>
                  <SortHeader links={links} sort="created">
                    Created
                  </SortHeader>
                  <SortHeader links={links} sort="last_used">
                    Last used
                  </SortHeader>
                  <Th>Expires</Th>
                  <Th>Status</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              }
              empty={
                <ListEmpty links={links} noun="API keys">
                  <EmptyState
                    title="No API keys yet"
                    action={
                      <Link href="/docs/api" className="text-sm font-medium text-brand hover:underline">
                        Read the API reference
                      </Link>
                    }
                  >
                    {text.empty}
                  </EmptyState>
                </ListEmpty>
              }
            />
            {!noKeys && (
              <ListPager
                links={links}
                count={page.count}
                noun={{ one: "API key", other: "API keys" }}
                size={params.size}
              />
            )}
          </Card>
        </div>
        <TryIt baseUrl={apiBaseUrl()} />
      </div>
    </>
  );
}

function TryIt({ baseUrl }: { baseUrl: string }) {
  return (
    <Card className="min-w-0">
      <CardHeader
        title="Try it"
        description="Check that a key works: the answer names the key, its scopes and its owner."
      />
      <CardBody>
        <pre className="whitespace-pre-wrap break-all rounded-md bg-slate-900 px-4 py-3 font-mono text-xs text-slate-100">
          <code>{`curl -H "Authorization: Bearer <your key>" ${baseUrl}/api/v1/me`}</code>
        </pre>
        <p className="mt-3 text-sm text-slate-600">
          Every endpoint, its parameters and answers are in the{" "}
          <Link href="/docs/api" className="font-medium text-brand hover:underline">
            API reference
          </Link>
          .
        </p>
      </CardBody>
    </Card>
  );
}
