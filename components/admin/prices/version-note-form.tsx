"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";

export function VersionNoteForm({
  versionId,
  note,
  action,
}: {
  versionId: string;
  note: string;
  action: FormAction<unknown>;
}) {
  const [state, submit] = useActionState(action, undefined);
  return (
    <form action={submit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <input type="hidden" name="versionId" value={versionId} />
      <Field
        label="Note"
        name="note"
        className="flex-1"
        maxLength={500}
        defaultValue={state?.values?.note ?? note}
        errors={state?.fieldErrors?.note}
      />
      <SubmitButton variant="secondary" pendingText="Saving…">
        Save note
      </SubmitButton>
      <FormMessage ok={state?.ok} message={state?.message} />
    </form>
  );
}
