"use client";
import { useRef, useState } from "react";
import { buttonClass } from "./button";
import { cn } from "./cn";

/**
 * A read-only secret with Copy (an API key, a webhook signing secret): selected on focus, copied to the
 * clipboard, or selected for Ctrl+C where the clipboard is not available (an http origin, a refused
 * permission). The outcome is announced politely.
 */
export function CopyField({
  id,
  label,
  value,
  hideLabel = false,
  noun = "value",
  emphasis = "secondary",
}: {
  id: string;
  label: string;
  value: string;
  /** The label for screen readers only, where a heading above already says what the value is. */
  hideLabel?: boolean;
  /** What the value is, in the "press Ctrl+C" message: "key", "secret". */
  noun?: string;
  /** The Copy button's look: primary where copying is the one thing to do next. */
  emphasis?: "primary" | "secondary";
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  async function copyValue() {
    try {
      await navigator.clipboard.writeText(value);
      setCopy("copied");
    } catch {
      inputRef.current?.select();
      setCopy("failed");
    }
  }
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className={cn("text-sm font-medium text-slate-800", hideLabel && "sr-only")}>
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={id}
          ref={inputRef}
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        />
        <button type="button" onClick={copyValue} className={buttonClass(emphasis)}>
          Copy
        </button>
      </div>
      <p aria-live="polite" className="min-h-5 text-sm text-slate-700">
        {copy === "copied" && "Copied to the clipboard."}
        {copy === "failed" &&
          `Copying is not available here: the ${noun} is selected, press Ctrl+C (⌘C on a Mac).`}
      </p>
    </div>
  );
}
