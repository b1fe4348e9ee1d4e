"use client";
import { useState } from "react";
import { ConfirmStep } from "@/components/admin/resellers/confirm-step";
import { useConfirmedAction } from "@/components/admin/resellers/use-confirm";
import { SubmitButton } from "@/components/ui/submit-button";
import { STORAGE_OWNERS, type StorageOwner, storageOwnerLabels } from "@/lib/datacenters/owners";
import { setInfrastructureOwnerAction } from "./actions";

/**
 * Who owns a storage infrastructure decides which SKU its usage is billed on (partner-owned: not billed), so
 * the server first answers with what the change does and only a confirmed change is saved.
 */
export function InfrastructureOwnerForm({
  datacenterId,
  infraId,
  name,
  owner,
}: {
  datacenterId: string;
  infraId: string;
  name: string;
  owner: StorageOwner;
}) {
  const { state, formAction, confirming, back, message } = useConfirmedAction(setInfrastructureOwnerAction);
  const [chosen, setChosen] = useState<string>(state?.values?.owner ?? owner);
  const id = `owner-${datacenterId}-${infraId}`;
  const error = state?.fieldErrors?.owner?.join(" ");
  return (
    <form action={formAction} noValidate className="flex w-full flex-col gap-3">
      {/* Inside the fieldset: while confirming it is disabled and the confirm step sends the values instead. */}
      <fieldset disabled={Boolean(confirming)} className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="datacenterId" value={datacenterId} />
        <input type="hidden" name="infraId" value={infraId} />
        <div className="flex min-w-0 flex-1 flex-col gap-1.5">
          <label htmlFor={id} className="text-sm font-medium text-slate-800">
            Owner <span className="sr-only">of {name}</span>
          </label>
          <select
            id={id}
            name="owner"
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
            aria-invalid={error ? true : undefined}
            className="block w-full max-w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-blue-100"
          >
            {STORAGE_OWNERS.map((o) => (
              <option key={o} value={o}>
                {storageOwnerLabels[o]}
              </option>
            ))}
          </select>
        </div>
        {!confirming && (
          <SubmitButton variant="secondary" pendingText="Checking…">
            <span aria-hidden>Save</span>
            <span className="sr-only">Save the owner of {name}</span>
          </SubmitButton>
        )}
      </fieldset>
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
      {message && (
        <p
          role={state?.ok ? "status" : "alert"}
          className={`text-sm ${state?.ok ? "text-emerald-800" : "text-red-700"}`}
        >
          {message}
        </p>
      )}
      {confirming && state?.values ? (
        <ConfirmStep
          id={`${id}-confirm`}
          title="This changes what is billed"
          lines={confirming}
          values={state.values}
          onBack={back}
        />
      ) : null}
    </form>
  );
}
