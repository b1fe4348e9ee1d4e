import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import type { FormAction } from "@/lib/actions/safe-action";
import type { EndpointView } from "@/lib/webhooks/endpoints";
import type { CreatedEndpoint } from "./actions";
import { EndpointForm } from "./endpoint-form";
import { EndpointList } from "./endpoint-list";

export type WebhookAudience = "distributor" | "reseller";

const copy: Record<WebhookAudience, { description: string; empty: string }> = {
  distributor: {
    description:
      "Tierline POSTs a signed JSON message to your systems when something happens anywhere in the channel: sign-ups, contract changes, invoices, credit notes, failed provisioning, usage alerts.",
    empty:
      "Register the URL of your ERP, PSA or accounting integration and choose its events: each message is signed (Standard Webhooks), retried when the receiver fails, and listed in the endpoint's delivery log.",
  },
  reseller: {
    description:
      "Tierline POSTs a signed JSON message to your systems when something happens on your account: contract changes, invoices, credit notes, failed provisioning, usage alerts.",
    empty:
      "Register the URL of your PSA or accounting integration and choose its events: each message is signed (Standard Webhooks), retried when the receiver fails, and listed in the endpoint's delivery log. Only your own account's events are sent.",
  },
};

/** The webhooks page of the back office and of the portal: one composition, the owner set by the page. */
export function WebhooksScreen({
  audience,
  endpoints,
  base,
  createAction,
  httpAllowed,
  deleted,
}: {
  audience: WebhookAudience;
  endpoints: EndpointView[];
  base: string;
  createAction: FormAction<CreatedEndpoint>;
  httpAllowed: boolean;
  deleted: boolean;
}) {
  const text = copy[audience];
  return (
    <>
      <PageHeader title="Webhooks" description={text.description} />
      {deleted && (
        <div className="mb-4">
          <FormMessage ok message="Endpoint deleted." />
        </div>
      )}
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader title="Endpoints" description="Open one for its secret, settings and delivery log." />
          {endpoints.length === 0 ? (
            <EmptyState title="No endpoints yet">{text.empty}</EmptyState>
          ) : (
            <EndpointList endpoints={endpoints} base={base} />
          )}
        </Card>
        <Card>
          <CardHeader
            title="Add an endpoint"
            description="Messages are JSON { type, timestamp, data } with the webhook-id, webhook-timestamp and webhook-signature headers; a 2xx answer within 10 seconds counts as delivered."
          />
          <CardBody>
            <EndpointForm
              action={createAction as FormAction<CreatedEndpoint | undefined>}
              editing={null}
              base={base}
              httpAllowed={httpAllowed}
            />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
