"use client";
import { useActionState, useState } from "react";
import type { ActionState, FormAction } from "@/lib/actions/safe-action";

/**
 * An action whose server answers an unconfirmed change with `fieldErrors.confirm` (what the change does):
 * `confirming` holds those lines until the user goes back or submits again.
 */
export function useConfirmedAction(action: FormAction<unknown>) {
  const [state, formAction] = useActionState(action, undefined);
  const [dismissed, setDismissed] = useState<ActionState | undefined>(undefined);
  const lines = state?.fieldErrors?.confirm;
  const confirming = lines && state !== dismissed ? lines : null;
  return {
    state,
    formAction,
    confirming,
    back: () => setDismissed(state),
    /** The form's message unless it is the "confirm the change" prompt the confirm step replaces. */
    message: state?.fieldErrors?.confirm ? undefined : state?.message,
  };
}
