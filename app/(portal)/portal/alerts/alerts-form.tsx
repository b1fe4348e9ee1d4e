"use client";
import { type ReactNode, useActionState } from "react";
import { Card, CardBody } from "@/components/ui/card";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveAlertRulesAction } from "./actions";

export type AlertFormValues = {
  usageShareEnabled: boolean;
  usageShareThreshold: string;
  usageShareEmail: string;
  topupEnabled: boolean;
  topupFromDay: string;
  topupEmail: string;
  cheaperTierEnabled: boolean;
  cheaperTierEmail: string;
};

type Kind = "usage_share" | "topup_projected" | "cheaper_tier";

/** One email already sent, formatted on the server. */
export type SentAlert = { month: string; when: string; to: string };

type Fields = keyof AlertFormValues;

export function AlertsForm({
  initial,
  billingEmail,
  sent,
  canEdit,
}: {
  initial: AlertFormValues;
  billingEmail: string;
  sent: Record<Kind, SentAlert[]>;
  canEdit: boolean;
}) {
  const [state, action] = useActionState(saveAlertRulesAction, undefined);
  // After a refusal, everything typed comes back from the action; an unticked box is simply absent.
  const text = (k: Fields) => state?.values?.[k] ?? String(initial[k]);
  const checked = (k: Fields) => (state?.values ? state.values[k] === "on" : Boolean(initial[k]));
  const errors = (k: Fields) => state?.fieldErrors?.[k];
  const emailHint = `Leave empty to use your billing email, ${billingEmail}.`;

  return (
    <form action={action} noValidate className="flex flex-col gap-6">
      <FormMessage ok={state?.ok} message={state?.message} />
      {!canEdit && (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600 ring-1 ring-slate-200">
          Only the account owner can change alerts. You can see how they are set and what was sent.
        </p>
      )}
      <fieldset disabled={!canEdit} className="flex min-w-0 flex-col gap-6">
        <legend className="sr-only">Alert rules</legend>
        <RuleCard
          name="usageShareEnabled"
          title="Usage reaches a share of your commitment"
          checked={checked("usageShareEnabled")}
          sent={sent.usage_share}
          explanation="Sent when this month's consumption so far reaches the percentage of your minimum monthly commitment you set. Not sent while the commitment is waived (ramp-up) or during a trial."
        >
          <Field
            label="Share of the commitment (%)"
            name="usageShareThreshold"
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            list="alert-threshold-suggestions"
            defaultValue={text("usageShareThreshold")}
            errors={errors("usageShareThreshold")}
            hint="Between 1 and 1000. Try 80 for an early warning, or 100 when the commitment is used up."
          />
          <datalist id="alert-threshold-suggestions">
            <option value="80" />
            <option value="100" />
          </datalist>
          <EmailField
            name="usageShareEmail"
            value={text("usageShareEmail")}
            errors={errors("usageShareEmail")}
            hint={emailHint}
          />
        </RuleCard>

        <RuleCard
          name="topupEnabled"
          title="A commitment top-up is projected"
          checked={checked("topupEnabled")}
          sent={sent.topup_projected}
          explanation="Sent from the day of the month you set when, at the current usage, the month would end below your minimum commitment, so the difference would be invoiced as a top-up. Devices and storage are projected at today's peak, compute hours from their daily average."
        >
          <Field
            label="From day of the month"
            name="topupFromDay"
            type="number"
            inputMode="numeric"
            min={1}
            max={28}
            defaultValue={text("topupFromDay")}
            errors={errors("topupFromDay")}
            hint="Between 1 and 28. Later days give a surer projection."
          />
          <EmailField
            name="topupEmail"
            value={text("topupEmail")}
            errors={errors("topupEmail")}
            hint={emailHint}
          />
        </RuleCard>

        <RuleCard
          name="cheaperTierEnabled"
          title="Another tier would have cost less"
          checked={checked("cheaperTierEnabled")}
          sent={sent.cheaper_tier}
          explanation="Sent early in the month when another tier you can move to would have cost less for last month's usage, minimum commitment included, before tax."
        >
          <EmailField
            name="cheaperTierEmail"
            value={text("cheaperTierEmail")}
            errors={errors("cheaperTierEmail")}
            hint={emailHint}
          />
        </RuleCard>
      </fieldset>
      {canEdit && (
        <div>
          <SubmitButton pendingText="Saving…">Save alerts</SubmitButton>
        </div>
      )}
    </form>
  );
}

function RuleCard({
  name,
  title,
  explanation,
  checked,
  sent,
  children,
}: {
  name: Fields;
  title: string;
  explanation: string;
  checked: boolean;
  sent: SentAlert[];
  children: ReactNode;
}) {
  const id = `field-${name}`;
  return (
    <Card>
      <div className="flex items-start gap-3 border-b border-slate-100 px-5 py-4">
        <input
          id={id}
          type="checkbox"
          name={name}
          defaultChecked={checked}
          aria-describedby={`${id}-explanation`}
          className="mt-1 h-4 w-4 shrink-0 rounded border-slate-300 accent-[var(--brand)]"
        />
        <div className="min-w-0">
          <label htmlFor={id} className="text-base font-semibold text-slate-900">
            {title}
          </label>
          <p id={`${id}-explanation`} className="mt-0.5 text-sm text-slate-500">
            {explanation}
          </p>
        </div>
      </div>
      <CardBody className="grid gap-5 sm:grid-cols-2">
        {children}
        <div className="sm:col-span-2">
          <h3 className="text-sm font-medium text-slate-800">Last sent</h3>
          {sent.length === 0 ? (
            <p className="mt-1 text-sm text-slate-500">Not sent yet.</p>
          ) : (
            <ul className="mt-1 flex flex-col gap-1 text-sm text-slate-600">
              {sent.map((s) => (
                <li key={`${s.month}-${s.when}`} className="break-words">
                  <span className="font-medium text-slate-800">{s.month}</span> · {s.when} · to {s.to}
                </li>
              ))}
            </ul>
          )}
        </div>
      </CardBody>
    </Card>
  );
}

function EmailField({
  name,
  value,
  errors,
  hint,
}: {
  name: Fields;
  value: string;
  errors?: string[];
  hint: string;
}) {
  return (
    <Field
      label="Send to (optional)"
      name={name}
      type="email"
      autoComplete="email"
      defaultValue={value}
      errors={errors}
      hint={hint}
    />
  );
}
