"use client";
import { useActionState } from "react";
import { NewPasswordFields } from "@/components/account/new-password-fields";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { resetPasswordAction } from "./actions";

export function ResetForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPasswordAction, undefined);
  return (
    <form
      action={action}
      noValidate
      className="mt-8 flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <FormMessage ok={state?.ok} message={state?.fieldErrors?.token?.join(" ") ?? state?.message} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields errors={state?.fieldErrors} />
      <SubmitButton pendingText="Saving…">Set new password</SubmitButton>
    </form>
  );
}
