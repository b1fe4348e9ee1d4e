"use client";
import { useActionState, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";
import type { AttemptOutcome } from "@/lib/webhooks/deliver";

/** A refusal or result beside a button. */
function Note({ ok, message }: { ok?: boolean; message?: string }) {
  if (!message) return null;
  return (
    <p
      role={ok ? "status" : "alert"}
      className={`mt-1 max-w-md whitespace-normal text-xs ${ok ? "text-emerald-800" : "text-red-700"}`}
    >
      {message}
    </p>
  );
}

/**
 * The signing secret: hidden until its owner asks (each reveal is audited), then shown with Copy; "Rotate"
 * replaces it after a confirm and shows the new one.
 */
export function SecretControls({
  endpointId,
  revealAction,
  rotateAction,
}: {
  endpointId: string;
  revealAction: FormAction<string>;
  rotateAction: FormAction<string>;
}) {
  const [revealed, reveal] = useActionState(revealAction, undefined);
  const [rotated, rotate] = useActionState(rotateAction, undefined);
  const [hidden, setHidden] = useState(false);
  // The latest of the two answers is the secret in force.
  const secret = rotated?.ok && rotated.data ? rotated.data : revealed?.ok ? revealed.data : undefined;
  return (
    <div className="flex flex-col gap-3">
      {secret && !hidden ? (
        <CopyField id="endpoint-secret" label="Signing secret" value={secret} />
      ) : (
        <p className="font-mono text-sm text-slate-500">whsec_••••••••••••••••</p>
      )}
      <div className="flex flex-wrap items-start gap-2">
        {secret && !hidden ? (
          <button type="button" className={buttonClass("secondary")} onClick={() => setHidden(true)}>
            Hide secret
          </button>
        ) : (
          <form action={reveal} onSubmit={() => setHidden(false)}>
            <input type="hidden" name="id" value={endpointId} />
            <SubmitButton variant="secondary" pendingText="Revealing…">
              Reveal secret
            </SubmitButton>
          </form>
        )}
        <form
          action={rotate}
          onSubmit={(e) => {
            if (
              !window.confirm(
                "Replace the signing secret? Messages are signed with the new one at once: your receiver must be given it, or it will reject them.",
              )
            )
              e.preventDefault();
            else setHidden(false);
          }}
        >
          <input type="hidden" name="id" value={endpointId} />
          <SubmitButton variant="secondary" pendingText="Rotating…">
            Rotate secret
          </SubmitButton>
        </form>
      </div>
      <Note ok={false} message={revealed && !revealed.ok ? revealed.message : undefined} />
      <Note ok={rotated?.ok} message={rotated?.message} />
    </div>
  );
}

/** Enable or disable the endpoint. */
export function EnableToggle({
  endpointId,
  enabled,
  action,
}: {
  endpointId: string;
  enabled: boolean;
  action: FormAction<boolean>;
}) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={endpointId} />
      <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
      <SubmitButton variant={enabled ? "secondary" : "primary"} pendingText="Saving…">
        {enabled ? "Disable" : "Enable"}
      </SubmitButton>
      <Note ok={state?.ok} message={state?.message} />
    </form>
  );
}

/** Delete the endpoint and its delivery log, after a confirm. */
export function DeleteEndpoint({
  endpointId,
  url,
  action,
}: {
  endpointId: string;
  url: string;
  action: FormAction<unknown>;
}) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (
          !window.confirm(
            `Delete the endpoint ${url}? No more events are sent to it, and its delivery log is deleted.`,
          )
        )
          e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={endpointId} />
      <SubmitButton variant="danger" pendingText="Deleting…">
        Delete endpoint
      </SubmitButton>
      <Note ok={false} message={state && !state.ok ? state.message : undefined} />
    </form>
  );
}

/** Sends a delivery again now; the answer shows beside the button and in the log. */
export function RedeliverButton({
  deliveryId,
  eventType,
  action,
}: {
  deliveryId: string;
  eventType: string;
  action: FormAction<AttemptOutcome>;
}) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction}>
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <SubmitButton variant="secondary" className="px-3 py-1.5" pendingText="Sending…">
        <span aria-hidden>Redeliver</span>
        <span className="sr-only">Redeliver this {eventType} event</span>
      </SubmitButton>
      <Note ok={state?.ok && state.data?.delivered} message={state?.message} />
    </form>
  );
}
