"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";
import { CompanyFields, type CompanyValues } from "./company-fields";

/** Edits a reseller's company and billing details; issued invoices keep the details they were issued with. */
export function ResellerEditForm({
  resellerId,
  initial,
  countries,
  action,
}: {
  resellerId: string;
  initial: CompanyValues;
  countries: { code: string; name: string }[];
  action: FormAction<unknown>;
}) {
  const [state, formAction] = useActionState(action, undefined);
  const echoed = state?.values as Partial<CompanyValues> | undefined;
  const values = { ...initial, ...(state?.ok ? {} : echoed) };
  return (
    <form action={formAction} noValidate className="flex flex-col gap-5">
      <FormMessage ok={state?.ok} message={state?.message} />
      <input type="hidden" name="resellerId" value={resellerId} />
      <CompanyFields values={values} errors={(k) => state?.fieldErrors?.[k]} countries={countries} />
      <p className="text-xs text-slate-500">
        Invoices drafted from now on print these details; issued invoices keep the ones they were issued with.
        The tax rate is changed on its own, with a reason.
      </p>
      <div>
        <SubmitButton pendingText="Saving…">Save details</SubmitButton>
      </div>
    </form>
  );
}
