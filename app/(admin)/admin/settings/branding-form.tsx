"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveBrandingAction } from "./actions";

type Values = Record<string, string>;

function TextArea({
  label,
  name,
  defaultValue,
  errors,
}: {
  label: string;
  name: string;
  defaultValue: string;
  errors?: string[];
}) {
  const id = `field-${name}`;
  return (
    <div className="flex flex-col gap-1.5 sm:col-span-2">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={4}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-blue-100"
      />
      {errors?.length ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function BrandingForm({ initial, canEdit }: { initial: Values; canEdit: boolean }) {
  const [state, action] = useActionState(saveBrandingAction, undefined);
  const v = (k: string) => state?.values?.[k] ?? initial[k] ?? "";
  const e = (k: string) => state?.fieldErrors?.[k];
  return (
    <form action={action} noValidate className="flex flex-col gap-6">
      <FormMessage ok={state?.ok} message={state?.message} />
      <fieldset disabled={!canEdit} className="grid gap-5 sm:grid-cols-2">
        <Field label="Storefront name" name="name" defaultValue={v("name")} errors={e("name")} />
        <Field label="Legal name" name="legalName" defaultValue={v("legalName")} errors={e("legalName")} />
        <Field
          label="Tagline"
          name="tagline"
          defaultValue={v("tagline")}
          errors={e("tagline")}
          className="sm:col-span-2"
        />
        <Field
          label="Support email"
          name="supportEmail"
          type="email"
          defaultValue={v("supportEmail")}
          errors={e("supportEmail")}
        />
        <Field
          label="Logo URL"
          name="logoUrl"
          defaultValue={v("logoUrl")}
          errors={e("logoUrl")}
          hint="Square image; leave empty for the initial."
        />
        <Field
          label="Favicon URL"
          name="faviconUrl"
          defaultValue={v("faviconUrl")}
          errors={e("faviconUrl")}
        />
        <div className="grid grid-cols-2 gap-4">
          <Field
            label="Primary colour"
            name="primaryColor"
            defaultValue={v("primaryColor")}
            errors={e("primaryColor")}
          />
          <Field
            label="Accent colour"
            name="accentColor"
            defaultValue={v("accentColor")}
            errors={e("accentColor")}
          />
        </div>
        <Field
          label="Terms version"
          name="termsVersion"
          defaultValue={v("termsVersion")}
          errors={e("termsVersion")}
          hint="Raise it when the terms change; sign-ups record the version they accepted."
        />
        <TextArea
          label="Terms of service"
          name="termsText"
          defaultValue={v("termsText")}
          errors={e("termsText")}
        />
        <TextArea
          label="Privacy notice"
          name="privacyText"
          defaultValue={v("privacyText")}
          errors={e("privacyText")}
        />
      </fieldset>
      {canEdit ? (
        <div>
          <SubmitButton pendingText="Saving…">Save branding</SubmitButton>
        </div>
      ) : (
        <p className="text-sm text-slate-500">
          Your role can read these settings; an administrator can change them.
        </p>
      )}
    </form>
  );
}
