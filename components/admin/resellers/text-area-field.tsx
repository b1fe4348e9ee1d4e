import type { TextareaHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";

/** A labelled textarea with the same error and hint wiring as ui/field's Field. */
export function TextAreaField({
  label,
  name,
  errors,
  hint,
  className,
  ...rest
}: TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
}) {
  const id = rest.id ?? `field-${name}`;
  const invalid = Boolean(errors?.length);
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={3}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={cn(
          "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:outline-none focus:ring-2",
          invalid
            ? "border-red-500 focus:ring-red-200"
            : "border-slate-300 focus:border-brand focus:ring-blue-100",
        )}
        {...rest}
      />
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
