"use client";
import { useActionState, useState } from "react";
import {
  disableTwoFactorAction,
  regenerateRecoveryCodesAction,
} from "@/app/(account)/account/security/actions";
import { buttonClass } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/safe-action";
import { RecoveryCodes } from "./recovery-codes";

/** What confirms a change that weakens the account: a current code, a recovery code, or the password. */
function ProofFields({ state, idPrefix }: { state: ActionState | undefined; idPrefix: string }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field
        id={`${idPrefix}-code`}
        label="Authentication code"
        name="code"
        autoComplete="one-time-code"
        maxLength={40}
        hint="From your app, or a recovery code."
        errors={state?.fieldErrors?.code}
      />
      <Field
        id={`${idPrefix}-password`}
        label="Or your password"
        name="password"
        type="password"
        autoComplete="current-password"
        errors={state?.fieldErrors?.password}
      />
    </div>
  );
}

/** A change behind a confirm step: the button opens it, the step says what happens and asks for proof. */
function ConfirmPanel({
  id,
  open,
  onCancel,
  title,
  children,
}: {
  id: string;
  open: boolean;
  onCancel: () => void;
  title: string;
  children: React.ReactNode;
}) {
  if (!open) return null;
  return (
    <section
      aria-labelledby={id}
      className="rounded-md bg-amber-50 p-4 text-sm text-amber-950 ring-1 ring-amber-200"
    >
      <h3 id={id} className="font-semibold">
        {title}
      </h3>
      {children}
      <button type="button" className={buttonClass("ghost", "mt-2")} onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}

export function RecoveryCodesManager({ left }: { left: number }) {
  const [state, action] = useActionState(regenerateRecoveryCodesAction, undefined);
  const [open, setOpen] = useState(false);
  if (state?.ok && state.data)
    return (
      <div className="flex flex-col gap-4">
        <FormMessage ok message={state.message} />
        <RecoveryCodes codes={state.data.recoveryCodes} />
      </div>
    );
  return (
    <div className="flex flex-col items-start gap-3">
      <p className="text-sm text-slate-700" data-testid="recovery-codes-left">
        {left} of 10 unused.{left <= 3 ? " Make new ones before they run out." : ""}
      </p>
      {!open && (
        <button type="button" className={buttonClass("secondary")} onClick={() => setOpen(true)}>
          Make new recovery codes…
        </button>
      )}
      <ConfirmPanel
        id="regenerate-title"
        open={open}
        onCancel={() => setOpen(false)}
        title="Make new recovery codes?"
      >
        <p className="mt-1">Every code you have now stops working; the new ones are shown once.</p>
        <form action={action} noValidate className="mt-3 flex flex-col gap-3">
          <FormMessage message={state?.message} />
          <ProofFields state={state} idPrefix="regenerate" />
          <div>
            <SubmitButton pendingText="Making codes…">Make new codes</SubmitButton>
          </div>
        </form>
      </ConfirmPanel>
    </div>
  );
}

export function TurnOffTwoFactor() {
  const [state, action] = useActionState(disableTwoFactorAction, undefined);
  const [open, setOpen] = useState(false);
  return (
    <div className="flex flex-col items-start gap-3">
      <p className="text-sm text-slate-700">Your password alone will then sign you in.</p>
      {!open && (
        <button type="button" className={buttonClass("secondary")} onClick={() => setOpen(true)}>
          Turn off two-factor sign-in…
        </button>
      )}
      <ConfirmPanel
        id="disable-title"
        open={open}
        onCancel={() => setOpen(false)}
        title="Turn off two-factor sign-in?"
      >
        <p className="mt-1">
          Your key and recovery codes are deleted. Anyone with your password can then sign in as you.
        </p>
        <form action={action} noValidate className="mt-3 flex flex-col gap-3">
          <FormMessage message={state?.ok ? undefined : state?.message} />
          <ProofFields state={state} idPrefix="disable" />
          <div>
            <SubmitButton variant="danger" pendingText="Turning off…">
              Turn off
            </SubmitButton>
          </div>
        </form>
      </ConfirmPanel>
    </div>
  );
}
