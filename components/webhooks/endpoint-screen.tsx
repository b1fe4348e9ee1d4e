import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import type { FormAction } from "@/lib/actions/safe-action";
import { formatDateTime } from "@/lib/format";
import type { AttemptOutcome } from "@/lib/webhooks/deliver";
import type { EndpointView } from "@/lib/webhooks/endpoints";
import { DeliveryLog, type DeliveryLogData } from "./delivery-log";
import { DeleteEndpoint, EnableToggle, SecretControls } from "./endpoint-controls";
import { EndpointForm } from "./endpoint-form";
import { EndpointStatus } from "./endpoint-list";

export type EndpointActions = {
  update: FormAction<unknown>;
  setEnabled: FormAction<boolean>;
  reveal: FormAction<string>;
  rotate: FormAction<string>;
  remove: FormAction<unknown>;
  redeliver: FormAction<AttemptOutcome>;
};

/** One endpoint: status with enable/disable and delete, the secret, its settings, and the delivery log. */
export function EndpointScreen({
  endpoint,
  log,
  base,
  actions,
  httpAllowed,
  retrySummary,
}: {
  endpoint: EndpointView;
  /** The delivery log's page, filters and links. */
  log: DeliveryLogData;
  base: string;
  actions: EndpointActions;
  httpAllowed: boolean;
  /** How long automatic attempts go on, e.g. "about 40 hours". */
  retrySummary: string;
}) {
  const enabled = endpoint.disabledAt === null;
  return (
    <>
      <PageHeader
        title="Webhook endpoint"
        description={<span className="break-all font-mono">{endpoint.url}</span>}
        action={
          <Link href={base} className={buttonClass("secondary")}>
            All endpoints
          </Link>
        }
      />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader title="Status" />
          <CardBody className="flex flex-col gap-3">
            <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
              <EndpointStatus endpoint={endpoint} />
              <span>
                {endpoint.consecutiveFailures} failed attempt{endpoint.consecutiveFailures === 1 ? "" : "s"}{" "}
                in a row
              </span>
              {endpoint.pending > 0 && <span>· {endpoint.pending} waiting</span>}
            </p>
            {endpoint.disabledAt ? (
              <p className="text-sm text-red-700">
                Disabled {formatDateTime(endpoint.disabledAt)}
                {endpoint.disabledReason ? `: ${endpoint.disabledReason}` : "."} Events that occur while it is
                disabled are not sent to it; enable it to send what is still waiting.
              </p>
            ) : (
              <p className="text-sm text-slate-600">
                A failed delivery is retried for {retrySummary}; when every attempt fails and nothing got
                through meanwhile, the endpoint is disabled and you are emailed.
              </p>
            )}
            <div className="flex flex-wrap items-start gap-3">
              <EnableToggle endpointId={endpoint.id} enabled={enabled} action={actions.setEnabled} />
              <DeleteEndpoint endpointId={endpoint.id} url={endpoint.url} action={actions.remove} />
            </div>
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Signing secret"
            description="Your receiver verifies each message's webhook-signature with it (any Standard Webhooks library)."
          />
          <CardBody>
            <SecretControls
              endpointId={endpoint.id}
              revealAction={actions.reveal}
              rotateAction={actions.rotate}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Delivery log" description="Open a delivery for its attempts." />
          <DeliveryLog log={log} paused={!enabled} canRedeliver redeliverAction={actions.redeliver} />
        </Card>
        <Card>
          <CardHeader title="Settings" />
          <CardBody>
            <EndpointForm
              action={actions.update as FormAction<undefined>}
              editing={{
                id: endpoint.id,
                url: endpoint.url,
                description: endpoint.description,
                events: endpoint.events,
              }}
              base={base}
              httpAllowed={httpAllowed}
            />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
