"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";

/** Removes a row after a confirm step; a refusal shows beside the button. */
export function DeleteTaxRate({
  country,
  countryName,
  action,
}: {
  country: string;
  countryName: string;
  action: FormAction<unknown>;
}) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (
          !window.confirm(
            `Remove ${countryName} from the tax table? Resellers signing up from ${countryName} will then get 0 % (existing resellers keep their rate).`,
          )
        )
          e.preventDefault();
      }}
    >
      <input type="hidden" name="country" value={country} />
      <SubmitButton variant="secondary" className="px-2 py-1" pendingText="Removing…">
        <span aria-hidden>Delete</span>
        <span className="sr-only">Delete {countryName}</span>
      </SubmitButton>
      {state && !state.ok && state.message && (
        <p role="alert" className="mt-1 whitespace-normal text-xs text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
