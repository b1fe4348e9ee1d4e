"use client";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/safe-action";

type Result = { op: string; userId: string };

/**
 * A confirm step for one member's change, as the tier change does it: a native modal dialog (focus on its
 * title, Escape closes it, focus back on the button that opened it) that says what will happen, then
 * submits the team form's `op` for this member. The table's one form state is shared by every row, so the
 * dialog shows an error only when it is its own, and closes when its own change succeeded.
 */
export function MemberDialog({
  op,
  userId,
  memberName,
  trigger,
  title,
  confirmLabel,
  danger,
  state,
  formAction,
  children,
}: {
  op: string;
  userId: string;
  memberName: string;
  trigger: string;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  state: ActionState<unknown> | undefined;
  formAction: (form: FormData) => void;
  children: ReactNode;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  // The state when the dialog was last opened: an older error is not this attempt's.
  const [openedWith, setOpenedWith] = useState<ActionState<unknown> | undefined>(undefined);
  const result = state?.data as Result | undefined;
  const mine = state !== openedWith && (state?.ok ? result : state?.values);
  const own = Boolean(mine && mine.op === op && mine.userId === userId);
  useEffect(() => {
    if (own && state?.ok) dialogRef.current?.close();
  }, [own, state]);

  const open = () => {
    setOpenedWith(state);
    dialogRef.current?.showModal();
    titleRef.current?.focus();
  };

  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        aria-haspopup="dialog"
        onClick={open}
        className={buttonClass("secondary", "px-3 py-1.5 text-xs")}
      >
        {trigger}
        <span className="sr-only">: {memberName}</span>
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        onClose={() => triggerRef.current?.focus()}
        className="m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-md overflow-y-auto whitespace-normal rounded-lg bg-white p-0 text-left text-sm text-slate-700 shadow-xl backdrop:bg-slate-900/50"
      >
        <form action={formAction} className="flex flex-col gap-4 p-5">
          <h2
            ref={titleRef}
            id={titleId}
            tabIndex={-1}
            className="text-lg font-semibold text-slate-900 focus:outline-none"
          >
            {title}
          </h2>
          <input type="hidden" name="op" value={op} />
          <input type="hidden" name="userId" value={userId} />
          {children}
          {own && state && !state.ok && <FormMessage ok={false} message={errorText(state)} />}
          <div className="flex flex-wrap items-center justify-end gap-3">
            <button
              type="button"
              onClick={() => dialogRef.current?.close()}
              className={buttonClass("secondary")}
            >
              Cancel
            </button>
            <SubmitButton variant={danger ? "danger" : "primary"} pendingText="Saving…">
              {confirmLabel}
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}

/** The message, with a field's error (a role the side does not offer) when that is what went wrong. */
function errorText(state: ActionState<unknown>): string | undefined {
  const fields = Object.values(state.fieldErrors ?? {})
    .flat()
    .filter(Boolean);
  return fields.length ? fields.join(" ") : state.message;
}
