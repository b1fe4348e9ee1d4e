"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  deleteDatacenterAction,
  makeDefaultDatacenterAction,
  syncNowAction,
  testDatacenterAction,
} from "./actions";

/** A refusal or result beside a row's button, wrapping inside the table cell. */
function RowMessage({ ok, message }: { ok?: boolean; message?: string }) {
  if (!message) return null;
  return (
    <p
      role={ok ? "status" : "alert"}
      className={`mt-1 max-w-xs whitespace-normal text-xs ${ok ? "text-emerald-800" : "text-red-700"}`}
    >
      {message}
    </p>
  );
}

/** Tests the connection with a new token, then imports the datacenter's storage infrastructures. */
export function TestDatacenter({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState(testDatacenterAction, undefined);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" className="px-2 py-1" pendingText="Testing…">
        <span aria-hidden>Test</span>
        <span className="sr-only">Test connection to {name}</span>
      </SubmitButton>
      <RowMessage
        ok={state?.ok && (state.data as { ok?: boolean } | undefined)?.ok}
        message={state?.message}
      />
    </form>
  );
}

export function MakeDefault({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState(makeDefaultDatacenterAction, undefined);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (
          !window.confirm(
            `Make ${name} the default? Resellers signing up from countries not in the map will be provisioned there (existing resellers stay where they are).`,
          )
        )
          e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" className="px-2 py-1" pendingText="Saving…">
        <span aria-hidden>Make default</span>
        <span className="sr-only">Make {name} the default</span>
      </SubmitButton>
      <RowMessage ok={state?.ok} message={state && !state.ok ? state.message : undefined} />
    </form>
  );
}

export function DeleteDatacenter({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState(deleteDatacenterAction, undefined);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (
          !window.confirm(
            `Delete ${name}? Its stored credentials, its countries in the map and its infrastructures go with it.`,
          )
        )
          e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" className="px-2 py-1" pendingText="Deleting…">
        <span aria-hidden>Delete</span>
        <span className="sr-only">Delete {name}</span>
      </SubmitButton>
      <RowMessage ok={false} message={state && !state.ok ? state.message : undefined} />
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
