"use client";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";
import { ConfirmStep } from "./confirm-step";
import { useConfirmedAction } from "./use-confirm";

/**
 * The admin's ramp-up override (domain.md §3): before the contract's first paid month only, may exceed the
 * policy maximum, with a reason and a confirm step showing the next invoice's commitment.
 */
export function RampUpForm({
  contractId,
  cycles,
  policyMax,
  action,
}: {
  contractId: string;
  cycles: number;
  policyMax: number;
  action: FormAction<unknown>;
}) {
  const { state, formAction, confirming, back, message } = useConfirmedAction(action);
  const v = state?.values;
  const e = (k: string) => state?.fieldErrors?.[k];
  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <FormMessage ok={state?.ok} message={message} />
      <fieldset disabled={Boolean(confirming)} className="grid gap-4 sm:grid-cols-2">
        <legend className="sr-only">Ramp-up override</legend>
        <input type="hidden" name="contractId" value={contractId} />
        <Field
          id="ramp-cycles"
          label="Ramp-up cycles"
          name="cycles"
          type="number"
          min={0}
          max={24}
          defaultValue={v?.cycles ?? String(cycles)}
          errors={e("cycles")}
          hint={`Months with the commitment waived. Policy maximum ${policyMax}; an admin may exceed it.`}
        />
        <Field
          id="ramp-reason"
          label="Reason for the ramp-up override"
          name="reason"
          maxLength={500}
          defaultValue={v?.reason ?? ""}
          errors={e("reason")}
        />
      </fieldset>
      {confirming && v ? (
        <ConfirmStep
          id="ramp-confirm"
          title="This changes what the reseller pays"
          lines={confirming}
          values={v}
          onBack={back}
        />
      ) : (
        <div>
          <SubmitButton variant="secondary">Review ramp-up change</SubmitButton>
        </div>
      )}
    </form>
  );
}
