"use client";
import { useEffect, useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import type { NewApiKey } from "./rows";

/**
 * The new key, shown this once: a read-only field (select it, or Copy), a clear warning, and Done. Focus
 * moves here when it appears, so keyboard and screen-reader users land on the key.
 */
export function NewKeyPanel({ created, onDone }: { created: NewApiKey; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

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
      <div className="mt-3">
        <CopyField
          id="new-api-key"
          label="New API key"
          value={created.key}
          hideLabel
          noun="key"
          emphasis="primary"
        />
      </div>
      <div className="mt-1">
        <button type="button" onClick={onDone} className={buttonClass("secondary")}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
