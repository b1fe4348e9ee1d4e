"use client";
import { useActionState, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";

/** Deleting asks once more, naming the version: its prices go with it. */
export function DeleteVersion({
  versionId,
  label,
  action,
}: {
  versionId: string;
  label: string;
  action: FormAction<unknown>;
}) {
  const [asking, setAsking] = useState(false);
  const [state, submit] = useActionState(action, undefined);
  if (!asking) {
    return (
      <button type="button" className={buttonClass("secondary")} onClick={() => setAsking(true)}>
        Delete this version…
      </button>
    );
  }
  return (
    <form action={submit} className="flex flex-col gap-3">
      <input type="hidden" name="versionId" value={versionId} />
      <p className="text-sm text-slate-700">
        Delete the price version {label} with all its prices and commitments? The months it priced fall back
        to the version before it.
      </p>
      <FormMessage ok={state?.ok} message={state && !state.ok ? state.message : undefined} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger" pendingText="Deleting…">
          Delete version
        </SubmitButton>
        <button type="button" className={buttonClass("ghost")} onClick={() => setAsking(false)}>
          Keep it
        </button>
      </div>
    </form>
  );
}
