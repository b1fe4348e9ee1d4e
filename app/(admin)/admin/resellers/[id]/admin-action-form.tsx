"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/safe-action";

type Action = (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;

/** An admin contract action: optional extra fields, a reason, one button, the outcome announced. */
export function AdminActionForm({
  action,
  contractId,
  idField = "contractId",
  label,
  withReason = true,
  cycles,
  variant = "secondary",
  idPrefix,
}: {
  action: Action;
  contractId: string;
  /** The hidden field carrying `contractId` (sign-up actions send a reseller id). */
  idField?: string;
  label: string;
  withReason?: boolean;
  cycles?: number;
  variant?: "primary" | "secondary" | "danger";
  idPrefix: string;
}) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form
      action={formAction}
      noValidate
      className="flex flex-col gap-3 rounded-md border border-slate-200 p-4"
    >
      <input type="hidden" name={idField} value={contractId} />
      {cycles !== undefined && (
        <Field
          id={`${idPrefix}-cycles`}
          label="Ramp-up cycles"
          name="cycles"
          type="number"
          min={0}
          defaultValue={state?.values?.cycles ?? String(cycles)}
          errors={state?.fieldErrors?.cycles}
        />
      )}
      {withReason && (
        <Field
          id={`${idPrefix}-reason`}
          label={`Reason (${label.toLowerCase()})`}
          name="reason"
          defaultValue={state?.values?.reason}
          errors={state?.fieldErrors?.reason}
        />
      )}
      <div>
        <SubmitButton variant={variant}>{label}</SubmitButton>
      </div>
      <FormMessage
        ok={state?.ok}
        message={state?.ok ? state.message : state?.fieldErrors ? undefined : state?.message}
      />
    </form>
  );
}
