"use client";
import Link from "next/link";
import { useActionState, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState, FormAction } from "@/lib/actions/safe-action";
import { eventTypeList, type WebhookEventType, webhookEventLabels } from "@/lib/webhooks/event-types";
import type { CreatedEndpoint } from "./actions";

const PREFIX = "event:";

export type EditedEndpoint = { id: string; url: string; description: string; events: WebhookEventType[] };

/** The events picked: after a refused submit, what was sent; else the endpoint's own (or none). */
function initialEvents(state: ActionState<unknown> | undefined, editing: EditedEndpoint | null) {
  if (state?.values) {
    return eventTypeList.filter((t) => state.values?.[`${PREFIX}${t}`]);
  }
  return editing?.events ?? [];
}

/**
 * Adds an endpoint (then shows its secret) or edits one: URL, description, and the events it receives,
 * each a checkbox of its own with "All events" above them. Errors stand beside their field.
 */
export function EndpointForm({
  action,
  editing,
  base,
  httpAllowed,
}: {
  action: FormAction<CreatedEndpoint | undefined>;
  editing: EditedEndpoint | null;
  base: string;
  httpAllowed: boolean;
}) {
  const [state, formAction] = useActionState(action, undefined);
  const created = !editing && state?.ok ? (state.data ?? null) : null;
  return created ? (
    <CreatedPanel created={created} base={base} />
  ) : (
    <EndpointFields
      key={state?.values ? JSON.stringify(state.values) : "initial"}
      state={state}
      formAction={formAction}
      editing={editing}
      httpAllowed={httpAllowed}
    />
  );
}

function EndpointFields({
  state,
  formAction,
  editing,
  httpAllowed,
}: {
  state: ActionState<unknown> | undefined;
  formAction: (form: FormData) => void;
  editing: EditedEndpoint | null;
  httpAllowed: boolean;
}) {
  const [picked, setPicked] = useState<Set<WebhookEventType>>(() => new Set(initialEvents(state, editing)));
  const all = picked.size === eventTypeList.length;
  const e = (k: string) => state?.fieldErrors?.[k];
  const v = (k: "url" | "description", initial: string) => state?.values?.[k] ?? initial;
  const eventErrors = e("events");
  const toggle = (type: WebhookEventType, on: boolean) =>
    setPicked((current) => {
      const next = new Set(current);
      if (on) next.add(type);
      else next.delete(type);
      return next;
    });
  return (
    <form action={formAction} noValidate className="flex flex-col gap-5">
      <FormMessage ok={state?.ok} message={state?.message} />
      {editing && <input type="hidden" name="id" value={editing.id} />}
      <Field
        label="Endpoint URL"
        name="url"
        type="url"
        inputMode="url"
        defaultValue={v("url", editing?.url ?? "")}
        errors={e("url")}
        hint={
          httpAllowed
            ? "Where events are POSTed, e.g. https://erp.example.com/webhooks/tierline."
            : "Where events are POSTed: a public https address, e.g. https://erp.example.com/webhooks/tierline."
        }
        autoComplete="off"
        spellCheck={false}
        maxLength={2000}
      />
      <Field
        label="Description (optional)"
        name="description"
        defaultValue={v("description", editing?.description ?? "")}
        errors={e("description")}
        hint="What receives them, e.g. Accounting sync."
        maxLength={200}
        autoComplete="off"
      />
      <fieldset
        className="flex flex-col gap-2"
        aria-describedby={eventErrors ? "events-error" : undefined}
        aria-invalid={eventErrors ? true : undefined}
      >
        <legend className="mb-1 text-sm font-medium text-slate-800">Events</legend>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-900">
          <input
            type="checkbox"
            checked={all}
            onChange={(ev) => setPicked(new Set(ev.target.checked ? eventTypeList : []))}
            className="h-4 w-4 rounded border-slate-300 accent-[var(--brand)]"
          />
          All events
        </label>
        <div className="grid gap-2 border-l border-slate-200 pl-4 sm:grid-cols-2">
          {eventTypeList.map((type) => (
            <label key={type} className="flex items-start gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                name={`${PREFIX}${type}`}
                checked={picked.has(type)}
                onChange={(ev) => toggle(type, ev.target.checked)}
                className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 accent-[var(--brand)]"
              />
              <span className="min-w-0">
                <span className="block break-all font-mono text-xs text-slate-900">{type}</span>
                <span className="block text-xs text-slate-500">{webhookEventLabels[type]}</span>
              </span>
            </label>
          ))}
        </div>
        {eventErrors && (
          <p id="events-error" role="alert" className="text-xs font-medium text-red-700">
            {eventErrors.join(" ")}
          </p>
        )}
      </fieldset>
      <div>
        <SubmitButton pendingText="Saving…">{editing ? "Save endpoint" : "Add endpoint"}</SubmitButton>
      </div>
    </form>
  );
}

/** The new endpoint's secret, with the way to its delivery log. */
function CreatedPanel({ created, base }: { created: CreatedEndpoint; base: string }) {
  return (
    <section
      aria-labelledby="created-endpoint-heading"
      className="flex flex-col gap-3 rounded-md bg-emerald-50 p-4 ring-1 ring-emerald-200"
    >
      <h3 id="created-endpoint-heading" className="text-sm font-semibold text-emerald-900">
        Endpoint added
      </h3>
      <p className="break-all text-sm text-emerald-900">
        Events are sent to {created.url} from now on, signed with this secret. Give it to your receiver to
        verify each message (Standard Webhooks); you can reveal it again on the endpoint's page.
      </p>
      <CopyField id="created-secret" label="Signing secret" value={created.secret} />
      <div className="flex flex-wrap gap-3">
        <Link href={`${base}/${created.id}`} className={buttonClass("primary")}>
          Open the endpoint
        </Link>
        <a href={base} className={buttonClass("secondary")}>
          Add another
        </a>
      </div>
    </section>
  );
}
