"use client";
import Link from "next/link";
import { useActionState } from "react";
import { NewPasswordFields } from "@/components/account/new-password-fields";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { acceptInvitationAction } from "./actions";

export function AcceptForm({ token, email }: { token: string; email: string }) {
  const [state, action] = useActionState(acceptInvitationAction, undefined);
  if (state?.ok) {
    return (
      <div className="mt-6 flex flex-col items-start gap-4">
        <FormMessage ok message={state.message} />
        <Link href="/login" className={buttonClass("primary")}>
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form action={action} noValidate className="mt-6 flex flex-col gap-4">
      <FormMessage ok={false} message={state?.fieldErrors?.token?.join(" ") ?? state?.message} />
      <input type="hidden" name="token" value={token} />
      {/* The account's email, for password managers to store the new password against. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordFields
        errors={state?.fieldErrors}
        labels={{ password: "Choose a password", confirm: "Repeat the password" }}
      />
      <SubmitButton pendingText="Saving…">Accept invitation</SubmitButton>
    </form>
  );
}
