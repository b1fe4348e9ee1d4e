"use client";
import { Field, SelectField } from "@/components/ui/field";
import { TextAreaField } from "./text-area-field";

export type CompanyValues = {
  name: string;
  legalName: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  postalCode: string;
  region: string;
  country: string;
  taxId: string;
  billingEmail: string;
  billingContacts: string;
};

/** The company, address and billing fields shared by the edit and create forms. */
export function CompanyFields({
  values,
  errors,
  countries,
  legalNameOptional = false,
}: {
  values: CompanyValues;
  errors: (field: string) => string[] | undefined;
  countries: { code: string; name: string }[];
  legalNameOptional?: boolean;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field
        label="Company name"
        name="name"
        autoComplete="organization"
        defaultValue={values.name}
        errors={errors("name")}
      />
      <Field
        label={legalNameOptional ? "Legal name (optional)" : "Legal name"}
        name="legalName"
        defaultValue={values.legalName}
        errors={errors("legalName")}
        hint={legalNameOptional ? "The company name when left empty." : "As printed on invoices."}
      />
      <Field
        label="Street address"
        name="addressLine1"
        defaultValue={values.addressLine1}
        errors={errors("addressLine1")}
      />
      <Field
        label="Address line 2 (optional)"
        name="addressLine2"
        defaultValue={values.addressLine2}
        errors={errors("addressLine2")}
      />
      <Field label="City" name="city" defaultValue={values.city} errors={errors("city")} />
      <Field
        label="Postal code"
        name="postalCode"
        defaultValue={values.postalCode}
        errors={errors("postalCode")}
      />
      <Field label="Region (optional)" name="region" defaultValue={values.region} errors={errors("region")} />
      <SelectField label="Country" name="country" defaultValue={values.country} errors={errors("country")}>
        <option value="">Choose…</option>
        {countries.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <Field
        label="Tax id (optional)"
        name="taxId"
        defaultValue={values.taxId}
        errors={errors("taxId")}
        hint="The VAT id for EU companies, e.g. DE123456789."
      />
      <Field
        label="Billing email"
        name="billingEmail"
        type="email"
        autoComplete="off"
        defaultValue={values.billingEmail}
        errors={errors("billingEmail")}
        hint="Receives every invoice and reminder."
      />
      <TextAreaField
        className="sm:col-span-2"
        label="Further billing contacts"
        name="billingContacts"
        defaultValue={values.billingContacts}
        errors={errors("billingContacts")}
        hint="Emails that also receive invoices and reminders, separated by commas or new lines (at most 10)."
      />
    </div>
  );
}
