"use client";
import { useActionState, useEffect, useState } from "react";
import {
  beginEnrolmentAction,
  cancelEnrolmentAction,
  confirmEnrolmentAction,
} from "@/app/(account)/account/security/actions";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Enrolment } from "@/lib/auth/two-factor/enrolment";
import { RecoveryCodes } from "./recovery-codes";

/**
 * Setting up two-factor sign-in: the current password first (a stolen session alone cannot link another
 * phone), then the key, shown in that answer only. Cancelling starts over with a fresh form.
 */
export function SetUpTwoFactor({ pending, continueTo }: { pending: boolean; continueTo?: string }) {
  const [attempt, setAttempt] = useState(0);
  return (
    <StartEnrolment
      key={attempt}
      pending={pending}
      continueTo={continueTo}
      onCancelled={() => setAttempt((n) => n + 1)}
    />
  );
}

function StartEnrolment({
  pending,
  continueTo,
  onCancelled,
}: {
  pending: boolean;
  continueTo?: string;
  onCancelled: () => void;
}) {
  const [state, action] = useActionState(beginEnrolmentAction, undefined);
  if (state?.ok && state.data)
    return <EnrolTwoFactor enrolment={state.data} continueTo={continueTo} onCancelled={onCancelled} />;
  // A wrong or missing password shows beside its field; anything else (too many tries) above the form.
  const formError = state && !state.ok && !state.fieldErrors ? state.message : undefined;
  return (
    <form action={action} noValidate className="flex flex-col items-start gap-3">
      <p className="text-sm text-slate-700">
        {pending
          ? "A set-up was started but not finished. Start again: you get a new key, and the earlier one stops working."
          : "Two-factor sign-in is off: your password alone signs you in."}
      </p>
      <FormMessage message={formError} />
      <Field
        label="Current password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        hint="To make sure it is you before a phone is linked to your account."
        errors={state?.fieldErrors?.password}
        className="w-full sm:max-w-xs"
      />
      <SubmitButton pendingText="Preparing…">Set up two-factor sign-in</SubmitButton>
    </form>
  );
}

/**
 * Scan (or type) the key, then confirm with the app's first code; the answer is the recovery codes. Staff sent
 * here by the requirement continue to the back office after saving them.
 */
function EnrolTwoFactor({
  enrolment,
  continueTo,
  onCancelled,
}: {
  enrolment: Enrolment;
  continueTo?: string;
  onCancelled: () => void;
}) {
  const [state, action] = useActionState(confirmEnrolmentAction, undefined);
  const [cancelState, cancel] = useActionState(cancelEnrolmentAction, undefined);
  useEffect(() => {
    if (cancelState?.ok) onCancelled();
  }, [cancelState, onCancelled]);
  if (state?.ok && state.data)
    return (
      <div className="flex flex-col gap-4">
        <FormMessage ok message={state.message} />
        <RecoveryCodes codes={state.data.recoveryCodes} continueTo={continueTo} />
      </div>
    );
  return (
    <div className="flex flex-col gap-5">
      <ol className="flex list-decimal flex-col gap-4 pl-5 text-sm text-slate-700">
        <li>
          <p>Scan this QR code with your authenticator app.</p>
          {/* A data: URL rendered on the server: the key never leaves for a third-party QR service. */}
          {/* biome-ignore lint/performance/noImgElement: an inline SVG data URL, nothing to optimise */}
          <img
            src={enrolment.qrCode}
            alt="QR code holding your two-factor key"
            width={192}
            height={192}
            className="mt-2 h-48 w-48 rounded bg-white ring-1 ring-slate-200"
          />
        </li>
        <li>
          <p>Can&apos;t scan it? Add an account by hand in the app with this key (time-based, six digits):</p>
          <code
            data-testid="manual-key"
            className="mt-2 block break-all rounded bg-slate-100 px-3 py-2 font-mono text-base text-slate-900 select-all"
          >
            {enrolment.manualKey}
          </code>
        </li>
        <li>
          <p>Enter the six-digit code the app now shows for this account.</p>
        </li>
      </ol>
      <form action={action} noValidate className="flex flex-col gap-3 sm:max-w-xs">
        <FormMessage ok={state?.ok} message={state?.ok ? undefined : state?.message} />
        <Field
          label="Code from the app"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={20}
          required
          errors={state?.fieldErrors?.code}
        />
        <SubmitButton pendingText="Checking…">Turn on two-factor sign-in</SubmitButton>
      </form>
      <form action={cancel}>
        <FormMessage message={cancelState?.ok ? undefined : cancelState?.message} />
        <SubmitButton variant="secondary" pendingText="Cancelling…">
          Cancel set-up
        </SubmitButton>
      </form>
    </div>
  );
}
