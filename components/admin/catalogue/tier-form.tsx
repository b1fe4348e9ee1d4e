"use client";
import Link from "next/link";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";
import { CheckField, TextAreaField } from "./check-field";

export type TierFormValues = {
  id: string;
  name: string;
  code: string;
  description: string;
  tierLevelValue: number;
  trialAllowed: boolean;
  orderable: boolean;
  retired: boolean;
  sortOrder: number;
};

export type TierFormFacts = {
  isPromo: boolean;
  /** Contracts, sign-ups or invoices name the tier by its code. */
  codeLocked: boolean;
  pricedInForce: boolean;
  liveContracts: number;
  versionFrom: string;
};

/** Edits one tier (domain.md §2.1); the commitment and unit prices are the price book's. */
export function TierForm({
  initial,
  facts,
  action,
}: {
  initial: TierFormValues;
  facts: TierFormFacts;
  action: FormAction<unknown>;
}) {
  const [state, formAction] = useActionState(action, undefined);
  const v = (k: keyof TierFormValues) => state?.values?.[k] ?? String(initial[k]);
  const checked = (k: "trialAllowed" | "orderable" | "retired") =>
    state?.values ? state.values[k] === "on" : initial[k];
  const e = (k: string) => state?.fieldErrors?.[k];
  const contracts =
    facts.liveContracts === 1 ? "1 live contract is" : `${facts.liveContracts} live contracts are`;
  return (
    <form action={formAction} noValidate className="flex flex-col gap-6">
      <FormMessage ok={state?.ok} message={state?.message} />
      <input type="hidden" name="id" value={initial.id} />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          label="Name"
          name="name"
          defaultValue={v("name")}
          errors={e("name")}
          hint="Shown on the storefront, the portal and invoices."
        />
        <Field
          label="Code"
          name="code"
          defaultValue={facts.codeLocked ? initial.code : v("code")}
          readOnly={facts.codeLocked}
          errors={e("code")}
          hint={
            facts.codeLocked
              ? "Contracts, sign-ups or invoices name this tier by its code, so it cannot change; rename it above instead."
              : "Capital letters, digits, - or _; sign-up links and invoices use it."
          }
        />
        <div className="sm:col-span-2">
          <TextAreaField
            label="Description"
            name="description"
            defaultValue={v("description")}
            errors={e("description")}
            hint="A line or two shown with the plan on the storefront."
          />
        </div>
        <Field
          label="Acronis tier level value"
          name="tierLevelValue"
          type="number"
          min={-1}
          step={1}
          defaultValue={v("tierLevelValue")}
          errors={e("tierLevelValue")}
          hint="Written to the reseller's Acronis billing settings (-1 for none); a whole number from -1."
        />
        <Field
          label="Display order"
          name="sortOrder"
          type="number"
          min={0}
          step={1}
          defaultValue={v("sortOrder")}
          errors={e("sortOrder")}
          hint="Lower numbers come first on the storefront and in lists."
        />
      </div>
      <div className="flex flex-col gap-4">
        <CheckField
          label="Trial allowed"
          name="trialAllowed"
          defaultChecked={facts.isPromo ? false : checked("trialAllowed")}
          disabled={facts.isPromo}
          errors={e("trialAllowed")}
          hint={
            facts.isPromo
              ? "Promo has no trial (domain rule)."
              : "Resellers may start a free trial of this tier."
          }
        />
        <CheckField
          label="Orderable"
          name="orderable"
          defaultChecked={checked("orderable")}
          errors={e("orderable")}
          hint={
            facts.pricedInForce
              ? "Offered on the storefront and as an upgrade or downgrade target."
              : `Not priced in the price version in force (from ${facts.versionFrom}): price it in the price book before making it orderable.`
          }
        />
        <CheckField
          label="Retired"
          name="retired"
          defaultChecked={checked("retired")}
          errors={e("retired")}
          hint={`A retired tier is not orderable and no contract can move to it, but contracts already on it keep being billed at its commitment and prices. ${contracts} on this tier.`}
        />
      </div>
      <p className="text-sm text-slate-600">
        The commitment and unit prices of this tier are edited in the{" "}
        <Link href="/admin/prices" className="text-brand underline">
          price book
        </Link>
        , per price version.
      </p>
      <div>
        <SubmitButton pendingText="Saving…">Save tier</SubmitButton>
      </div>
    </form>
  );
}
