"use client";
import { useActionState, useState } from "react";
import { FormMessage, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { removeCountryDatacenterAction, setCountryDatacenterAction } from "./actions";

/** Maps a country to a datacenter (a country already mapped moves to the chosen one). */
export function CountryForm({
  countries,
  datacenters,
}: {
  countries: { code: string; name: string }[];
  datacenters: { id: string; name: string }[];
}) {
  const [state, action] = useActionState(setCountryDatacenterAction, undefined);
  // Controlled: React resets a form after its action; each answer sets the choice again (see SelectField).
  const [country, setCountry] = useState(state?.values?.country ?? "");
  const [datacenter, setDatacenter] = useState(state?.values?.datacenterId ?? "");
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    setCountry(state?.ok ? "" : (state?.values?.country ?? ""));
    setDatacenter(state?.values?.datacenterId ?? "");
  }
  return (
    <form action={action} noValidate className="flex flex-col gap-4">
      <FormMessage ok={state?.ok} message={state?.message} />
      <div className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <SelectField
          label="Country"
          name="country"
          value={country}
          onChange={setCountry}
          errors={state?.fieldErrors?.country}
        >
          <option value="">Choose a country…</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name} ({c.code})
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Datacenter"
          name="datacenterId"
          value={datacenter}
          onChange={setDatacenter}
          errors={state?.fieldErrors?.datacenterId}
        >
          <option value="">Choose a datacenter…</option>
          {datacenters.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </SelectField>
        <div>
          <SubmitButton pendingText="Saving…">Save country</SubmitButton>
        </div>
      </div>
    </form>
  );
}

export function RemoveCountry({ country, countryName }: { country: string; countryName: string }) {
  const [state, action] = useActionState(removeCountryDatacenterAction, undefined);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (
          !window.confirm(
            `Remove ${countryName} from the map? Resellers signing up from there will be provisioned in the default datacenter; existing ones stay where they are.`,
          )
        )
          e.preventDefault();
      }}
    >
      <input type="hidden" name="country" value={country} />
      <SubmitButton variant="secondary" className="px-2 py-1" pendingText="Removing…">
        <span aria-hidden>Remove</span>
        <span className="sr-only">Remove {countryName}</span>
      </SubmitButton>
      {state && !state.ok && state.message && (
        <p role="alert" className="mt-1 whitespace-normal text-xs text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
