"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { syncNowAction, testConnectionAction } from "./actions";

type WhoAmI = { tenantId: string; tenantName: string; tenantKind: string };

export function TestConnection() {
  const [state, action] = useActionState(testConnectionAction, undefined);
  const me = state?.ok ? (state.data as WhoAmI) : null;
  return (
    <form action={action} className="flex flex-col items-start gap-3">
      <SubmitButton variant="secondary" pendingText="Connecting…">
        Test connection
      </SubmitButton>
      {me && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200"
        >
          Connected as <strong>{me.tenantName}</strong> ({me.tenantKind} tenant {me.tenantId})
        </p>
      )}
      <FormMessage ok={false} message={state && !state.ok ? state.message : undefined} />
    </form>
  );
}

export function SyncNow({ canSync }: { canSync: boolean }) {
  const [state, action] = useActionState(syncNowAction, undefined);
  if (!canSync) return null;
  return (
    <form action={action} className="flex flex-col items-start gap-2">
      <SubmitButton pendingText="Starting…">Sync usage now</SubmitButton>
      <FormMessage ok={state?.ok} message={state?.message} />
    </form>
  );
}
