"use client";
import { useEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import type { NewApiKey } from "./rows";

/**
 * The new key, shown this once: a read-only field (select it, or Copy), a clear warning, and Done. Focus
 * moves here when it appears, so keyboard and screen-reader users land on the key.
 */
export function NewKeyPanel({ created, onDone }: { created: NewApiKey; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function copyKey() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopy("copied");
    } catch {
      // No clipboard (an http origin, a refused permission): select it for Ctrl+C instead.
      inputRef.current?.select();
      setCopy("failed");
    }
  }

  return (
    <section
      aria-labelledby="new-api-key-heading"
      className="rounded-lg border border-amber-300 bg-amber-50 p-5 shadow-sm"
    >
      <h2
        id="new-api-key-heading"
        ref={headingRef}
        tabIndex={-1}
        className="text-base font-semibold text-slate-900 focus:outline-none"
      >
        Your new API key “{created.name}”
      </h2>
      <p className="mt-1 flex flex-wrap items-center gap-1 text-sm text-slate-700">
        Scopes:
        {created.scopes.map((s) => (
          <Badge key={s} tone="blue">
            {s}
          </Badge>
        ))}
      </p>
      <p role="alert" className="mt-3 text-sm font-medium text-amber-900">
        Copy this key now and keep it somewhere safe, such as your password manager or the other system's
        secret settings. It will not be shown again: if you lose it, revoke it and create a new one.
      </p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label htmlFor="new-api-key" className="sr-only">
          New API key
        </label>
        <input
          id="new-api-key"
          ref={inputRef}
          readOnly
          value={created.key}
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        />
        <button type="button" onClick={copyKey} className={buttonClass("primary")}>
          Copy
        </button>
      </div>
      <p aria-live="polite" className="mt-2 min-h-5 text-sm text-slate-700">
        {copy === "copied" && "Copied to the clipboard."}
        {copy === "failed" &&
          "Copying is not available here: the key is selected, press Ctrl+C (⌘C on a Mac)."}
      </p>
      <div className="mt-3">
        <button type="button" onClick={onDone} className={buttonClass("secondary")}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
