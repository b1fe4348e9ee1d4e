"use client";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { cn } from "./cn";

/**
 * A labelled select with the same error and hint wiring as `Field`; controlled (`value`) or not
 * (`defaultValue`). Uncontrolled, it still keeps its own state, and it puts that value back into the DOM
 * after React's reset of a form after its action (see below).
 */
export function SelectField({
  id: idProp,
  label,
  name,
  value,
  defaultValue,
  onChange,
  errors,
  hint,
  autoComplete,
  children,
}: {
  /** The select's id, where another field of the page has the same name (default `field-<name>`). */
  id?: string;
  label: string;
  name: string;
  value?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
  errors?: string[];
  hint?: string;
  autoComplete?: string;
  children: ReactNode;
}) {
  const id = idProp ?? `field-${name}`;
  const invalid = Boolean(errors?.length);
  const [own, setOwn] = useState(defaultValue ?? "");
  const [seen, setSeen] = useState(defaultValue);
  if (defaultValue !== seen) {
    setSeen(defaultValue);
    setOwn(defaultValue ?? "");
  }
  const controlled = value !== undefined;
  const shown = controlled ? value : own;
  // React resets a form after its action by the DOM's reset(), which puts a select back on its first option
  // whether React controls it or not; after every render the DOM is set back to the value we hold.
  const ref = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.value !== shown) ref.current.value = shown;
  });
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        ref={ref}
        value={shown}
        autoComplete={autoComplete}
        onChange={(e) => {
          if (!controlled) setOwn(e.currentTarget.value);
          onChange?.(e.currentTarget.value);
        }}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={cn(
          "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:outline-none focus:ring-2",
          invalid
            ? "border-red-500 focus:ring-red-200"
            : "border-slate-300 focus:border-brand focus:ring-blue-100",
        )}
      >
        {children}
      </select>
      {hint && !invalid && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {invalid && (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
          {errors?.join(" ")}
        </p>
      )}
    </div>
  );
}
