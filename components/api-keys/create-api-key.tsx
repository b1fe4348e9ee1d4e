"use client";
import { useActionState, useState } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";
import { NewKeyPanel } from "./new-key-panel";
import type { NewApiKey } from "./rows";

/**
 * The create form, and after a key is created the panel that shows it once. The key lives only in this
 * component's action state: gone on reload, on navigation, and when the panel is dismissed.
 */
export function CreateApiKey({
  action,
  scopeHelp,
  minExpiry,
}: {
  action: FormAction<NewApiKey>;
  scopeHelp: { read: string; write: string };
  /** The first day a key may expire on (tomorrow, UTC), for the date picker. */
  minExpiry: string;
}) {
  const [state, formAction] = useActionState(action, undefined);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const created = state?.ok ? state.data : undefined;

  if (created && dismissed !== created.id) {
    return <NewKeyPanel created={created} onDone={() => setDismissed(created.id)} />;
  }

  const values = state?.ok ? undefined : state?.values;
  const errors = (k: string) => state?.fieldErrors?.[k];
  // After a refusal the form shows what was sent; an unticked box is simply absent from it.
  const checked = (k: "scopeRead" | "scopeWrite") => (values ? values[k] === "on" : k === "scopeRead");
  const scopeErrors = errors("scopes");

  return (
    <Card>
      <CardHeader
        title="Create a key"
        description="The key is shown once, right after you create it. Only its first characters are kept to recognise it."
      />
      <CardBody>
        <form action={formAction} noValidate className="flex flex-col gap-4">
          {state && !state.ok && <FormMessage ok={false} message={state.message} />}
          <Field
            label="Name"
            name="name"
            required
            maxLength={100}
            autoComplete="off"
            placeholder="ERP sync"
            defaultValue={values?.name ?? ""}
            errors={errors("name")}
            hint="What uses the key, so you know which one to revoke later."
          />
          <fieldset
            className="flex flex-col gap-2"
            aria-describedby={scopeErrors?.length ? "api-key-scopes-error" : undefined}
          >
            <legend className="mb-1 text-sm font-medium text-slate-800">Scopes</legend>
            <ScopeCheckbox
              name="scopeRead"
              label="read"
              help={scopeHelp.read}
              defaultChecked={checked("scopeRead")}
              invalid={Boolean(scopeErrors?.length)}
            />
            <ScopeCheckbox
              name="scopeWrite"
              label="write"
              help={scopeHelp.write}
              defaultChecked={checked("scopeWrite")}
              invalid={Boolean(scopeErrors?.length)}
            />
            {scopeErrors?.length ? (
              <p id="api-key-scopes-error" role="alert" className="text-xs font-medium text-red-700">
                {scopeErrors.join(" ")}
              </p>
            ) : null}
          </fieldset>
          <Field
            label="Expires on (optional)"
            name="expiresAt"
            type="date"
            min={minExpiry}
            className="max-w-xs"
            defaultValue={values?.expiresAt ?? ""}
            errors={errors("expiresAt")}
            hint="The key stops working at 00:00 UTC that day. Leave empty for a key that lasts until you revoke it."
          />
          <div>
            <SubmitButton pendingText="Creating…">Create key</SubmitButton>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}

function ScopeCheckbox({
  name,
  label,
  help,
  defaultChecked,
  invalid,
}: {
  name: string;
  label: string;
  help: string;
  defaultChecked: boolean;
  invalid: boolean;
}) {
  const id = `api-key-${name}`;
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        name={name}
        type="checkbox"
        defaultChecked={defaultChecked}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-help`}
        className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand focus:ring-2 focus:ring-blue-100"
      />
      <div className="text-sm">
        <label htmlFor={id} className="font-medium text-slate-800">
          {label}
        </label>
        <p id={`${id}-help`} className="text-slate-500">
          {help}
        </p>
      </div>
    </div>
  );
}
