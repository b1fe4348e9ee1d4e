"use client";
import { useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";

/**
 * A read-only value with Copy: selected on focus, copied to the clipboard, or selected for Ctrl+C where the
 * clipboard is not available (an http origin, a refused permission).
 */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
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
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
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
        <button type="button" onClick={copyValue} className={buttonClass("secondary")}>
          Copy
        </button>
      </div>
      <p aria-live="polite" className="min-h-5 text-xs text-slate-600">
        {copy === "copied" && "Copied to the clipboard."}
        {copy === "failed" &&
          "Copying is not available here: the value is selected, press Ctrl+C (⌘C on a Mac)."}
      </p>
    </div>
  );
}
