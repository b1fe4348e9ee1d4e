"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { resendAction } from "../actions";

export function ResendForm({ email }: { email: string }) {
  const [state, action] = useActionState(resendAction, undefined);
  return (
    <form action={action} className="mt-6 flex flex-col gap-3">
      <input type="hidden" name="email" value={email} />
      <FormMessage ok={state?.ok} message={state?.message} />
      <SubmitButton variant="secondary" pendingText="Sending…">
        Resend the link
      </SubmitButton>
    </form>
  );
}
