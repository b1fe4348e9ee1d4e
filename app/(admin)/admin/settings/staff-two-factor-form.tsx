"use client";
import { useActionState, useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveStaffTwoFactorAction } from "./actions";

/**
 * "Require two-factor sign-in for staff", saved only through a confirm step that says who is affected:
 * staff without it are sent to set it up before any back-office page opens.
 */
export function StaffTwoFactorForm({
  required,
  canEdit,
  available,
  staffWithout,
  selfEnrolled,
}: {
  required: boolean;
  canEdit: boolean;
  available: boolean;
  staffWithout: number;
  selfEnrolled: boolean;
}) {
  const [state, action] = useActionState(saveStaffTwoFactorAction, undefined);
  const [checked, setChecked] = useState(required);
  const [confirming, setConfirming] = useState(false);
  const changed = checked !== required;
  // A saved change closes the confirm step (the page then shows the new setting).
  useEffect(() => {
    if (state?.ok) setConfirming(false);
  }, [state]);
  return (
    <form action={action} noValidate className="flex flex-col gap-4">
      <FormMessage ok={state?.ok} message={state?.message} />
      <input type="hidden" name="requireStaffTwoFactor" value={checked ? "on" : "off"} />
      <fieldset disabled={!canEdit || confirming} className="flex flex-col gap-3">
        <label className="flex items-start gap-3 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={checked}
            onChange={(e) => setChecked(e.target.checked)}
            disabled={!available && !required}
            className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-[var(--brand)]"
          />
          <span>
            <span className="font-medium">Require two-factor sign-in for staff</span>
            <span className="block text-slate-500">
              Administrators, finance and support sign in with a code from an authenticator app after their
              password, and cannot turn it off. Resellers choose for themselves.
            </span>
            {!available && (
              <span className="mt-1 block text-amber-800">
                Not available until TIERLINE_SECRETS_KEY is set on every Tierline process.
              </span>
            )}
          </span>
        </label>
        {canEdit && !confirming && (
          <div>
            <button
              type="button"
              disabled={!changed}
              className={buttonClass("primary")}
              onClick={() => setConfirming(true)}
            >
              Save
            </button>
          </div>
        )}
      </fieldset>
      {confirming && (
        <section
          aria-labelledby="staff-two-factor-confirm"
          className="rounded-md bg-amber-50 p-4 text-sm text-amber-950 ring-1 ring-amber-200"
        >
          <input type="hidden" name="confirm" value="yes" />
          <h3 id="staff-two-factor-confirm" className="font-semibold">
            {checked
              ? "Require two-factor sign-in for staff?"
              : "Stop requiring two-factor sign-in for staff?"}
          </h3>
          {checked ? (
            <ul className="mt-2 list-disc space-y-1 pl-5">
              <li>
                {staffWithout === 0
                  ? "Every active staff member has it already."
                  : `${staffWithout} active staff member${staffWithout === 1 ? " has" : "s have"} no two-factor sign-in yet: at their next page they are sent to set it up, and the back office stays closed to them until they do.`}
              </li>
              {!selfEnrolled && <li>That includes you: you set it up right after saving.</li>}
              <li>Staff cannot turn it off while this is on.</li>
            </ul>
          ) : (
            <p className="mt-2">Staff can then turn two-factor sign-in off; those who have it keep it.</p>
          )}
          <div className="mt-3 flex flex-wrap gap-3">
            <SubmitButton pendingText="Saving…">Confirm and save</SubmitButton>
            <button type="button" className={buttonClass("secondary")} onClick={() => setConfirming(false)}>
              Back
            </button>
          </div>
        </section>
      )}
    </form>
  );
}
