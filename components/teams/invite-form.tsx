"use client";
import { useActionState } from "react";
import { Field, FormMessage, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/actions/safe-action";
import type { RoleOption } from "./roles";

/**
 * Email, name and role of the person to invite; errors beside each field. After a success the fields
 * empty (React resets the form); after an error they keep what was typed.
 */
export function InviteForm({
  action,
  roles,
  defaultRole,
}: {
  action: FormAction<unknown>;
  roles: RoleOption[];
  defaultRole: string;
}) {
  const [state, formAction] = useActionState(action, undefined);
  const kept = state?.ok ? undefined : state?.values;
  const errors = state?.fieldErrors;
  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <FormMessage ok={state?.ok} message={state?.message} />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Field
          id="invite-email"
          label="Email"
          name="email"
          type="email"
          autoComplete="off"
          required
          defaultValue={kept?.email}
          errors={errors?.email}
        />
        <Field
          id="invite-name"
          label="Name"
          name="name"
          autoComplete="off"
          required
          defaultValue={kept?.name}
          errors={errors?.name}
        />
        {/* Ids of their own: the members list's filters (field-role, …) share the page. */}
        <SelectField
          id="invite-role"
          label="Role"
          name="role"
          defaultValue={kept?.role ?? defaultRole}
          errors={errors?.role}
        >
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </SelectField>
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-xs text-slate-600 sm:grid-cols-[max-content_1fr]">
        {roles.map((r) => (
          <div key={r.value} className="contents">
            <dt className="font-semibold text-slate-700">{r.label}</dt>
            <dd>{r.description}</dd>
          </div>
        ))}
      </dl>
      <div>
        <SubmitButton pendingText="Sending…">Send invitation</SubmitButton>
      </div>
    </form>
  );
}
