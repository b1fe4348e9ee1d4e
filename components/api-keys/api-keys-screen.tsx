import Link from "next/link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { FormAction } from "@/lib/actions/safe-action";
import { env } from "@/lib/env";
import { ApiKeysTable } from "./api-keys-table";
import { CreateApiKey } from "./create-api-key";
import type { ApiKeyRow, NewApiKey } from "./rows";

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

/** The API keys page of the back office and of the portal: one composition, the owner set by the page. */
export function ApiKeysScreen({
  audience,
  keys,
  now,
  createAction,
  revokeAction,
}: {
  audience: KeyAudience;
  keys: ApiKeyRow[];
  now: Date;
  createAction: FormAction<NewApiKey>;
  revokeAction: FormAction<unknown>;
}) {
  const text = copy[audience];
  return (
    <>
      <PageHeader
        title="API keys"
        description={text.description}
        action={
          <Link
            href="/docs/api"
            className="text-sm font-medium text-brand underline-offset-2 hover:underline"
          >
            API reference
          </Link>
        }
      />
      <div className="flex min-w-0 flex-col gap-6">
        <CreateApiKey
          action={createAction}
          scopeHelp={{ read: text.read, write: text.write }}
          minExpiry={tomorrowUtc(now)}
        />
        <Card className="min-w-0">
          <CardHeader title="Your keys" description="Newest first. A revoked or expired key is refused." />
          {keys.length === 0 ? (
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
          ) : (
            <ApiKeysTable keys={keys} revokeAction={revokeAction} />
          )}
        </Card>
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
