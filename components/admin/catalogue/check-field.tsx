import type { ReactNode } from "react";

/** A labelled checkbox with a hint and its error tied to it (the checkbox twin of ui/field's Field). */
export function CheckField({
  label,
  name,
  defaultChecked,
  disabled,
  hint,
  errors,
}: {
  label: string;
  name: string;
  defaultChecked: boolean;
  disabled?: boolean;
  hint?: ReactNode;
  errors?: string[];
}) {
  const id = `field-${name}`;
  const invalid = Boolean(errors?.length);
  const describedBy = invalid ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="flex items-start gap-3 text-sm text-slate-800">
      <input
        id={id}
        type="checkbox"
        name={name}
        defaultChecked={defaultChecked}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 accent-[var(--brand)]"
      />
      <div className="min-w-0">
        <label htmlFor={id} className="font-medium">
          {label}
        </label>
        {hint && !invalid && (
          <p id={`${id}-hint`} className="text-slate-500">
            {hint}
          </p>
        )}
        {invalid && (
          <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
            {errors?.join(" ")}
          </p>
        )}
      </div>
    </div>
  );
}

/** A labelled textarea styled like ui/field's inputs. */
export function TextAreaField({
  label,
  name,
  defaultValue,
  errors,
  hint,
}: {
  label: string;
  name: string;
  defaultValue: string;
  errors?: string[];
  hint?: string;
}) {
  const id = `field-${name}`;
  const invalid = Boolean(errors?.length);
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={3}
        defaultValue={defaultValue}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-blue-100"
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
