import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { EndpointView } from "@/lib/webhooks/endpoints";
import { eventTypeList } from "@/lib/webhooks/event-types";

export function EndpointStatus({
  endpoint,
}: {
  endpoint: Pick<EndpointView, "disabledAt" | "consecutiveFailures">;
}) {
  if (endpoint.disabledAt) return <Badge tone="red">disabled</Badge>;
  if (endpoint.consecutiveFailures > 0) return <Badge tone="amber">failing</Badge>;
  return <Badge tone="green">enabled</Badge>;
}

function EventsSummary({ events }: { events: string[] }) {
  if (events.length === eventTypeList.length) return <span>All events</span>;
  return <span className="break-all font-mono text-xs">{events.join(", ")}</span>;
}

/** The owner's endpoints as a list that wraps on a phone: URL, events, status, failures, last delivery. */
export function EndpointList({ endpoints, base }: { endpoints: EndpointView[]; base: string }) {
  return (
    <ul className="divide-y divide-slate-100">
      {endpoints.map((endpoint) => (
        <li key={endpoint.id} className="flex flex-col gap-1.5 px-5 py-4">
          <p className="flex flex-wrap items-center gap-2">
            <Link
              href={`${base}/${endpoint.id}`}
              className="break-all font-mono text-sm font-medium text-brand underline-offset-2 hover:underline"
            >
              {endpoint.url}
            </Link>
            <EndpointStatus endpoint={endpoint} />
          </p>
          {endpoint.description && <p className="text-sm text-slate-700">{endpoint.description}</p>}
          <div className="text-sm text-slate-600">
            <EventsSummary events={endpoint.events} />
          </div>
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-500">
            <span>
              {endpoint.consecutiveFailures} failure{endpoint.consecutiveFailures === 1 ? "" : "s"} in a row
            </span>
            {endpoint.pending > 0 && <span>{endpoint.pending} waiting</span>}
            {endpoint.failed > 0 && <span>{endpoint.failed} failed</span>}
            <span>
              {endpoint.lastDeliveryAt
                ? `Last event ${formatDateTime(endpoint.lastDeliveryAt)}`
                : "No events yet"}
            </span>
          </p>
          {endpoint.disabledReason && <p className="text-xs text-red-700">{endpoint.disabledReason}</p>}
        </li>
      ))}
    </ul>
  );
}
