"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/safe-action";

type Action = (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;

/** A one-button form for a contract change, with its result announced beside it. */
export function ActionButton({
  action,
  label,
  pendingText,
  fields,
  variant = "secondary",
  confirm,
}: {
  action: Action;
  label: string;
  pendingText?: string;
  fields?: Record<string, string>;
  variant?: "primary" | "secondary" | "danger";
  confirm?: string;
}) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form
      action={formAction}
      className="flex flex-col items-start gap-2"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(fields ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton variant={variant} pendingText={pendingText}>
        {label}
      </SubmitButton>
      <FormMessage ok={state?.ok} message={state?.message} />
    </form>
  );
}
