"use client";
import Link from "next/link";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { verifyAction } from "../actions";

export function VerifyForm({ token }: { token: string }) {
  const [state, action] = useActionState(verifyAction, undefined);
  return (
    <form action={action} className="mt-6 flex flex-col gap-3">
      <input type="hidden" name="token" value={token} />
      <FormMessage ok={state?.ok} message={state?.message ?? state?.fieldErrors?.token?.join(" ")} />
      <SubmitButton pendingText="Confirming…" className="py-2.5">
        Confirm and set up my account
      </SubmitButton>
      {state && !state.ok && (
        <p className="text-sm text-slate-600">
          Already confirmed?{" "}
          <Link href="/login" className="font-medium text-brand hover:underline">
            Sign in
          </Link>
          .
        </p>
      )}
    </form>
  );
}
