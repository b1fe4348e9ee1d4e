import { ExportLink } from "@/components/lists/export-link";
import { ListEmpty } from "@/components/lists/list-empty";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { ListPager } from "@/components/lists/list-pager";
import { SortSwitch } from "@/components/lists/sort-switch";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { FormAction } from "@/lib/actions/safe-action";
import { formatDateTime } from "@/lib/format";
import type { ListLinks } from "@/lib/lists/url";
import type { AttemptOutcome } from "@/lib/webhooks/deliver";
import type { AttemptView, DeliveryListParams, DeliveryPage, DeliveryView } from "@/lib/webhooks/deliveries";
import { eventTypeList } from "@/lib/webhooks/event-types";
import { RedeliverButton } from "./endpoint-controls";

/** One page of an endpoint's delivery log with its URL state, as the endpoint page reads it. */
export type DeliveryLogData = { page: DeliveryPage; params: DeliveryListParams; links: ListLinks };

const outcomes = [
  { value: "delivered", label: "delivered" },
  { value: "failed", label: "failed" },
  { value: "pending", label: "pending or retrying" },
];

const statusTone = { delivered: "green", pending: "amber", failed: "red" } as const;

function StatusBadge({ delivery, paused }: { delivery: DeliveryView; paused: boolean }) {
  if (delivery.status === "pending")
    return <Badge tone="amber">{paused ? "paused" : delivery.attempts > 0 ? "retrying" : "pending"}</Badge>;
  return <Badge tone={statusTone[delivery.status]}>{delivery.status}</Badge>;
}

function answerOf(a: AttemptView): string {
  if (a.responseStatus !== null) return `HTTP ${a.responseStatus}`;
  return "No answer";
}

/** One attempt as a definition list: it reads in order on a phone and in a screen reader. */
function AttemptItem({ attempt }: { attempt: AttemptView }) {
  const ok = attempt.responseStatus !== null && attempt.responseStatus >= 200 && attempt.responseStatus < 300;
  return (
    <li className="rounded-md border border-slate-200 p-3">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium text-slate-900">Attempt {attempt.attempt}</span>
        <Badge tone={ok ? "green" : "red"}>{answerOf(attempt)}</Badge>
        <Badge tone={attempt.trigger === "manual" ? "blue" : "neutral"}>{attempt.trigger}</Badge>
      </p>
      <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs text-slate-600">
        <dt className="text-slate-500">Time</dt>
        <dd>{formatDateTime(attempt.startedAt)}</dd>
        <dt className="text-slate-500">Duration</dt>
        <dd>{attempt.durationMs === null ? "—" : `${attempt.durationMs} ms`}</dd>
        {attempt.error && (
          <>
            <dt className="text-slate-500">Error</dt>
            <dd className="break-words text-red-700">{attempt.error}</dd>
          </>
        )}
        <dt className="text-slate-500">Response</dt>
        <dd>
          {attempt.responseBody ? (
            <pre className="max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-[11px] text-slate-800">
              {attempt.responseBody}
            </pre>
          ) : (
            "—"
          )}
        </dd>
      </dl>
    </li>
  );
}

/**
 * An endpoint's deliveries (newest first unless the URL says otherwise) by event and outcome, paged by
 * keyset, with a CSV export of the filtered log. Each one shows its event, time, status and attempts;
 * opened (a native disclosure, so keyboard and screen readers work as with any other) it lists every
 * attempt with the receiver's answer, and offers Redeliver.
 */
export function DeliveryLog({
  log,
  paused,
  canRedeliver,
  redeliverAction,
}: {
  log: DeliveryLogData;
  /** The endpoint is disabled: pending deliveries wait for it. */
  paused: boolean;
  canRedeliver: boolean;
  redeliverAction: FormAction<AttemptOutcome>;
}) {
  const { page, params, links } = log;
  return (
    <div className="flex flex-col">
      <div className="px-5 pt-4">
        <ListFilterBar
          links={links}
          search={{ label: "Event id (webhook-id)", hint: "A message's webhook-id header, or its start." }}
          values={{ q: params.q, ...params.filters }}
          errors={params.errors}
          fields={[
            {
              kind: "select",
              name: "event",
              label: "Event",
              options: eventTypeList.map((e) => ({ value: e, label: e })),
            },
            { kind: "select", name: "status", label: "Outcome", options: outcomes },
          ]}
        />
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <SortSwitch
            links={links}
            sort="created"
            label="Order of the deliveries"
            options={[
              { dir: "desc", label: "Newest first" },
              { dir: "asc", label: "Oldest first" },
            ]}
          />
          <ExportLink links={links} noun="delivery" />
        </div>
      </div>
      {page.deliveries.length === 0 ? (
        <div className="border-t border-slate-100">
          <ListEmpty links={links} noun="deliveries">
            <EmptyState title="No deliveries yet">
              Each event this endpoint subscribes to appears here with every attempt to send it.
            </EmptyState>
          </ListEmpty>
        </div>
      ) : (
        <ul aria-label="Deliveries" className="divide-y divide-slate-100 border-t border-slate-100">
          {page.deliveries.map((d) => (
            <li key={d.id}>
              <details className="group px-5 py-3">
                <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 rounded focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-200 [&::-webkit-details-marker]:hidden">
                  <span aria-hidden className="text-slate-400 transition group-open:rotate-90">
                    ▸
                  </span>
                  <span className="break-all font-mono text-sm font-medium text-slate-900">
                    {d.eventType}
                  </span>
                  <StatusBadge delivery={d} paused={paused} />
                  <span className="text-xs text-slate-500">{formatDateTime(d.createdAt)}</span>
                  <span className="text-xs text-slate-500">
                    {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
                    {d.responseStatus !== null ? `, last HTTP ${d.responseStatus}` : ""}
                  </span>
                </summary>
                <div className="mt-3 flex flex-col gap-3 pl-5">
                  <p className="text-xs text-slate-500">
                    Event <span className="break-all font-mono">{d.eventId}</span> (the webhook-id header)
                    {d.status === "pending" && !paused && d.attempts > 0
                      ? `; next attempt ${formatDateTime(d.nextAttemptAt)}`
                      : ""}
                    {d.deliveredAt ? `; delivered ${formatDateTime(d.deliveredAt)}` : ""}
                  </p>
                  {d.log.length === 0 ? (
                    <p className="text-sm text-slate-500">Not attempted yet.</p>
                  ) : (
                    <ol
                      aria-label={`Attempts of this ${d.eventType} delivery`}
                      className="flex flex-col gap-2"
                    >
                      {d.log.map((a) => (
                        <AttemptItem key={a.attempt} attempt={a} />
                      ))}
                    </ol>
                  )}
                  {canRedeliver && (
                    <RedeliverButton deliveryId={d.id} eventType={d.eventType} action={redeliverAction} />
                  )}
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
      <ListPager
        links={links}
        count={page.count}
        noun={{ one: "delivery", other: "deliveries" }}
        size={params.size}
      />
    </div>
  );
}
