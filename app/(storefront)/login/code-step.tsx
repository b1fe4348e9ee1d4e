"use client";
import { useActionState, useEffect } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { signInCodeAction } from "./actions";

/** The second step of a sign-in with two-factor: a code from the app, or one of the recovery codes. */
export function CodeStep({
  token,
  next,
  onBack,
}: {
  token: string;
  next?: string;
  onBack: (message?: string) => void;
}) {
  const [state, action] = useActionState(signInCodeAction, undefined);
  const expired = Boolean(state?.fieldErrors?.token);
  useEffect(() => {
    if (expired) onBack(state?.message);
  }, [expired, onBack, state?.message]);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate aria-labelledby="code-step-title">
      <div>
        <h2 id="code-step-title" className="text-base font-semibold text-slate-900">
          Two-factor sign-in
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Enter the six-digit code your authenticator app shows for this account. Lost your phone? Enter one
          of your recovery codes instead.
        </p>
      </div>
      <FormMessage message={state?.ok ? undefined : state?.message} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="next" value={next ?? ""} />
      <Field
        label="Authentication code"
        name="code"
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        // Focus moves here as the step appears, so keyboard and screen-reader users land on the field.
        autoFocus
        required
        maxLength={40}
        errors={state?.fieldErrors?.code}
        hint="Six digits, or a recovery code like abcde-fghjk."
      />
      <SubmitButton pendingText="Checking…" className="w-full">
        Verify and sign in
      </SubmitButton>
      <button type="button" className={buttonClass("ghost", "w-full")} onClick={() => onBack()}>
        Use another account
      </button>
    </form>
  );
}
