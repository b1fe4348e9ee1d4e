"use client";
import { type ReactNode, useActionState, useEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td } from "@/components/ui/table";
import type { FormAction } from "@/lib/actions/safe-action";
import type { ApiKeyRow, ApiKeyStatus } from "./rows";

const statusTone = { active: "green", expired: "amber", revoked: "neutral" } as const satisfies Record<
  ApiKeyStatus,
  string
>;

/**
 * The owner's keys with Revoke behind a confirm step. The outcome is announced above the table, which stays
 * mounted while the revoked row re-renders as revoked (or leaves a filtered page, which may then be empty).
 * The header row (sortable columns) and the empty state come from the server page (components/lists).
 */
export function ApiKeysTable({
  keys,
  revokeAction,
  header,
  empty,
}: {
  keys: ApiKeyRow[];
  revokeAction: FormAction<unknown>;
  /** Name, Key, Scopes, Created, Last used, Expires, Status and an unnamed actions column. */
  header: ReactNode;
  empty: ReactNode;
}) {
  const [state, formAction] = useActionState(revokeAction, undefined);
  const [confirming, setConfirming] = useState<string | null>(null);
  // Cancel puts focus back on the row's Revoke button (the confirm step it replaces is gone).
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (!refocus) return;
    document.querySelector<HTMLButtonElement>(`[data-revoke="${refocus}"]`)?.focus();
    setRefocus(null);
  }, [refocus]);

  return (
    <>
      {state?.message && (
        <div className="border-b border-slate-100 p-4">
          <FormMessage ok={state.ok} message={state.message} />
        </div>
      )}
      {keys.length === 0 ? (
        empty
      ) : (
        <Table caption="API keys">
          <thead>{header}</thead>
          <tbody className="divide-y divide-slate-100">
            {keys.map((key) => (
              <tr key={key.id}>
                <Td className="max-w-48 truncate font-medium text-slate-900" title={key.name}>
                  {key.name}
                </Td>
                <Td>
                  <code className="font-mono text-xs text-slate-700">{key.prefix}…</code>
                </Td>
                <Td>
                  <span className="flex gap-1">
                    {key.scopes.map((s) => (
                      <Badge key={s} tone="blue">
                        {s}
                      </Badge>
                    ))}
                  </span>
                </Td>
                <Td>
                  {key.created}
                  {key.createdBy ? (
                    <span className="block text-xs text-slate-500">by {key.createdBy}</span>
                  ) : null}
                </Td>
                <Td>{key.lastUsed}</Td>
                <Td>{key.expires}</Td>
                <Td>
                  <Badge tone={statusTone[key.status]}>{key.status}</Badge>
                </Td>
                <Td className="whitespace-normal">
                  {key.status === "revoked" ? null : confirming === key.id ? (
                    <RevokeConfirm
                      apiKey={key}
                      action={formAction}
                      onCancel={() => {
                        setConfirming(null);
                        setRefocus(key.id);
                      }}
                    />
                  ) : (
                    <button
                      type="button"
                      data-revoke={key.id}
                      className={buttonClass("secondary", "px-3 py-1 text-xs")}
                      onClick={() => setConfirming(key.id)}
                    >
                      Revoke<span className="sr-only"> {key.name}</span>
                    </button>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

function RevokeConfirm({
  apiKey,
  action,
  onCancel,
}: {
  apiKey: ApiKeyRow;
  action: (form: FormData) => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>("button[type=submit]")?.focus();
  }, []);
  return (
    <form action={action} className="min-w-56">
      <input type="hidden" name="id" value={apiKey.id} />
      <div
        ref={ref}
        role="alertdialog"
        aria-label={`Revoke ${apiKey.name}?`}
        aria-describedby={`revoke-${apiKey.id}-text`}
        className="rounded-md bg-red-50 p-2 text-xs ring-1 ring-red-200"
        onKeyDown={(e) => {
          if (e.key === "Escape") onCancel();
        }}
      >
        <p id={`revoke-${apiKey.id}-text`} className="text-slate-800">
          Revoke “{apiKey.name}”? Anything using it is refused at once. This cannot be undone.
        </p>
        <div className="mt-2 flex gap-2">
          <SubmitButton variant="danger" pendingText="Revoking…" className="px-3 py-1 text-xs">
            Revoke key
          </SubmitButton>
          <button type="button" className={buttonClass("secondary", "px-3 py-1 text-xs")} onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </form>
  );
}
