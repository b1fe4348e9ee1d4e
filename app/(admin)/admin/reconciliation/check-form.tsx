"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { checkAction } from "./actions";

/** "Check against Acronis" for one month: queues one check per datacenter (nothing runs twice). */
export function CheckForm({ period, working }: { period: string; working: boolean }) {
  const [state, action] = useActionState(checkAction, undefined);
  return (
    <form action={action} className="flex min-w-0 flex-col gap-2">
      <input type="hidden" name="period" value={period} />
      <SubmitButton pendingText="Queuing…">{working ? "Check again" : "Check against Acronis"}</SubmitButton>
      <FormMessage ok={state?.ok} message={state?.message ?? state?.fieldErrors?.period?.join(" ")} />
    </form>
  );
}
