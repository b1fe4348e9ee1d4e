import type { InputHTMLAttributes } from "react";
import { cn } from "./cn";

/** A labelled input whose error is tied to it with aria-describedby and announced to screen readers. */
export function Field({
  label,
  name,
  errors,
  hint,
  className,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
}) {
  const id = input.id ?? `field-${name}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = Boolean(errors?.length);
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={cn(invalid && errorId, hint && hintId) || undefined}
        className={cn(
          "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:outline-none focus:ring-2",
          invalid
            ? "border-red-500 focus:ring-red-200"
            : "border-slate-300 focus:border-brand focus:ring-blue-100",
        )}
        {...input}
      />
      {hint && !invalid && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {invalid && (
        <p id={errorId} role="alert" className="text-xs font-medium text-red-700">
          {errors?.join(" ")}
        </p>
      )}
    </div>
  );
}

export function FormMessage({ ok, message }: { ok?: boolean; message?: string }) {
  if (!message) return null;
  return (
    <div
      role={ok ? "status" : "alert"}
      className={cn(
        "rounded-md px-3 py-2 text-sm",
        ok
          ? "bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200"
          : "bg-red-50 text-red-800 ring-1 ring-red-200",
      )}
    >
      {message}
    </div>
  );
}

export { SelectField } from "./select-field";
