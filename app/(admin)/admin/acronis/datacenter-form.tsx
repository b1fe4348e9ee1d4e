"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveDatacenterAction } from "./actions";

export type EditedDatacenter = {
  id: string;
  name: string;
  baseUrl: string | null;
  clientId: string | null;
  hasSecret: boolean;
  fromEnv: boolean;
};

/**
 * Adds a datacenter or edits one. The secret is write-only: the page never has it, the field starts empty
 * ("••• set" says one is stored) and only a typed value replaces it. The environment's datacenter takes a
 * name only; its connection is ACRONIS_*.
 */
export function DatacenterForm({
  editing,
  canStoreSecrets,
}: {
  editing: EditedDatacenter | null;
  canStoreSecrets: boolean;
}) {
  const [state, action] = useActionState(saveDatacenterAction, undefined);
  const v = (k: "name" | "baseUrl" | "clientId", initial: string | null) =>
    state?.values?.[k] ?? initial ?? "";
  const e = (k: string) => state?.fieldErrors?.[k];
  const fromEnv = editing?.fromEnv ?? false;
  return (
    <form action={action} noValidate className="flex flex-col gap-5">
      <FormMessage ok={state?.ok} message={state?.message} />
      {!fromEnv && !canStoreSecrets && (
        <p
          role="note"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          TIERLINE_SECRETS_KEY is not set, so a client secret cannot be stored: set it (32 bytes, base64 or
          hex) in every Tierline process's environment and restart.
        </p>
      )}
      {editing && <input type="hidden" name="id" value={editing.id} />}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          label="Name"
          name="name"
          defaultValue={v("name", editing?.name ?? null)}
          errors={e("name")}
          hint="How staff know it, e.g. Europe 2 or US Cloud."
          maxLength={80}
          autoComplete="off"
        />
        {fromEnv ? (
          <Field
            label="URL"
            name="baseUrlShown"
            value={editing?.baseUrl ?? "ACRONIS_BASE_URL"}
            readOnly
            hint="From ACRONIS_BASE_URL, ACRONIS_CLIENT_ID and ACRONIS_CLIENT_SECRET in the environment."
          />
        ) : (
          <Field
            label="URL"
            name="baseUrl"
            type="url"
            inputMode="url"
            defaultValue={v("baseUrl", editing?.baseUrl ?? null)}
            errors={e("baseUrl")}
            hint="The datacenter's address, e.g. https://eu2-cloud.acronis.com."
            autoComplete="off"
            spellCheck={false}
          />
        )}
        {!fromEnv && (
          <>
            <Field
              label="API client id"
              name="clientId"
              defaultValue={v("clientId", editing?.clientId ?? null)}
              errors={e("clientId")}
              hint="The API client created in the Acronis management portal (Settings → API clients)."
              autoComplete="off"
              spellCheck={false}
            />
            <Field
              label="API client secret"
              name="clientSecret"
              type="password"
              autoComplete="new-password"
              placeholder={editing?.hasSecret ? "••• set" : undefined}
              errors={e("clientSecret")}
              hint={
                editing?.hasSecret
                  ? "Stored encrypted and never shown. Leave empty to keep it; type a new one to replace it (needed when the URL changes)."
                  : "Stored encrypted with TIERLINE_SECRETS_KEY and never shown again."
              }
            />
          </>
        )}
      </div>
      <div>
        <SubmitButton pendingText="Saving…">
          {editing ? `Save ${editing.name}` : "Add datacenter"}
        </SubmitButton>
      </div>
    </form>
  );
}
