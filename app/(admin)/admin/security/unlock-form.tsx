"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { unlockAction } from "./actions";

/** One account's Unlock button, its outcome announced beside it. */
export function UnlockForm({ email }: { email: string }) {
  const [state, formAction] = useActionState(unlockAction, undefined);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="email" value={email} />
      <SubmitButton variant="secondary" pendingText="Unlocking…">
        Unlock<span className="sr-only"> {email}</span>
      </SubmitButton>
      <FormMessage ok={state?.ok} message={state?.message} />
    </form>
  );
}
