"use client";
import { useActionState } from "react";
import { Field, FormMessage, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";
import { CompanyFields, type CompanyValues } from "./company-fields";

export type TierChoice = { code: string; name: string; trialAllowed: boolean };

const blank: CompanyValues = {
  name: "",
  legalName: "",
  addressLine1: "",
  addressLine2: "",
  city: "",
  postalCode: "",
  region: "",
  country: "",
  taxId: "",
  billingEmail: "",
  billingContacts: "",
};

/**
 * Creates a reseller by hand: company, currency, tier (or a trial), owner. The owner is invited by email to
 * set a password; the order and the Acronis provisioning run as after a storefront sign-up.
 */
export function CreateResellerForm({
  countries,
  currencies,
  tiers,
  action,
}: {
  countries: { code: string; name: string }[];
  currencies: string[];
  tiers: TierChoice[];
  action: FormAction<unknown>;
}) {
  const [state, formAction] = useActionState(action, undefined);
  const v = (state?.values ?? {}) as Record<string, string | undefined>;
  const e = (k: string) => state?.fieldErrors?.[k];
  return (
    <form action={formAction} noValidate className="flex flex-col gap-6">
      <FormMessage ok={state?.ok} message={state?.message} />
      <section aria-labelledby="create-company" className="flex flex-col gap-4">
        <h2 id="create-company" className="text-base font-semibold text-slate-900">
          Company
        </h2>
        <CompanyFields
          values={{ ...blank, ...(v as Partial<CompanyValues>) }}
          errors={e}
          countries={countries}
          legalNameOptional
        />
      </section>
      <section aria-labelledby="create-order" className="flex flex-col gap-4">
        <h2 id="create-order" className="text-base font-semibold text-slate-900">
          Order
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Billing currency"
            name="currency"
            defaultValue={v.currency ?? ""}
            errors={e("currency")}
          >
            <option value="">Choose…</option>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </SelectField>
          <SelectField label="Tier" name="tier" defaultValue={v.tier ?? ""} errors={e("tier")}>
            <option value="">Choose…</option>
            {tiers.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
                {t.trialAllowed ? "" : " (no trial)"}
              </option>
            ))}
          </SelectField>
          <label className="flex items-start gap-3 text-sm text-slate-800 sm:col-span-2">
            <input
              type="checkbox"
              name="trial"
              defaultChecked={v.trial === "on"}
              className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-[var(--brand)]"
            />
            <span>
              <span className="font-medium">Start as a free trial</span>
              <span className="block text-slate-500">
                Otherwise the contract is paid from today; its tax rate comes from the tax table.
              </span>
            </span>
          </label>
        </div>
      </section>
      <section aria-labelledby="create-owner" className="flex flex-col gap-4">
        <h2 id="create-owner" className="text-base font-semibold text-slate-900">
          Owner
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Owner's name"
            name="ownerName"
            defaultValue={v.ownerName ?? ""}
            errors={e("ownerName")}
          />
          <Field
            label="Owner's email"
            name="ownerEmail"
            type="email"
            autoComplete="off"
            defaultValue={v.ownerEmail ?? ""}
            errors={e("ownerEmail")}
            hint="Receives an invitation to set a password (valid 7 days)."
          />
          <Field
            label="Acronis console login"
            name="acronisLogin"
            autoComplete="off"
            defaultValue={v.acronisLogin ?? ""}
            errors={e("acronisLogin")}
            hint="The admin login created in Acronis for this reseller."
          />
        </div>
      </section>
      <div>
        <SubmitButton pendingText="Creating…">Create reseller and invite owner</SubmitButton>
      </div>
    </form>
  );
}
