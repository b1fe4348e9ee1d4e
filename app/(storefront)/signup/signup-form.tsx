"use client";
import Link from "next/link";
import { type ReactNode, useActionState, useEffect, useRef, useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, FormMessage, SelectField } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/safe-action";
import { formatMoney } from "@/lib/format";
import type { SignupOptions } from "@/lib/signup/options";
import { checkLoginAction, type LoginCheck, signupAction } from "./actions";

type Initial = { tier: string; trial: boolean; currency: string };

export function SignupForm({
  options,
  requestKey,
  initial,
  currencyNotice,
}: {
  options: SignupOptions;
  requestKey: string;
  initial: Initial;
  currencyNotice?: string;
}) {
  const [state, action, pending] = useActionState<ActionState | undefined, FormData>(signupAction, undefined);
  const values = state?.values ?? {};
  const errors = state?.fieldErrors ?? {};
  const formRef = useRef<HTMLFormElement>(null);

  const [currency, setCurrency] = useState(initial.currency);
  const [tier, setTier] = useState(initial.tier);
  const [trial, setTrial] = useState(initial.trial);
  const [rampUp, setRampUp] = useState(String(options.rampUpDefaultCycles));
  const [password, setPassword] = useState("");
  const [country, setCountry] = useState(values.country ?? "");
  const [login, setLogin] = useState("");
  const [loginTouched, setLoginTouched] = useState(false);
  const [loginCheck, setLoginCheck] = useState<LoginCheck | null>(null);
  const [checking, startChecking] = useTransition();
  const [, startSubmit] = useTransition();

  const selectedTier = options.tiers.find((t) => t.code === tier);
  const trialPossible = selectedTier?.trialAllowed ?? false;
  const isTrial = trial && trialPossible;
  const fx = options.currencies.find((c) => c.code === currency);

  // After a refused submit, move focus to the first field that needs attention (announced by its label).
  useEffect(() => {
    if (state && !state.ok) {
      formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
    }
  }, [state]);

  const checkLogin = (value: string) => {
    const trimmed = value.trim();
    if (!trimmed) return setLoginCheck(null);
    startChecking(async () => setLoginCheck(await checkLoginAction(trimmed, country)));
  };

  const loginErrors =
    errors.acronisLogin ??
    (loginCheck && loginCheck.login === login.trim() && loginCheck.available === false
      ? [loginCheck.message]
      : undefined);
  const loginHint = checking
    ? "Checking with Acronis…"
    : loginCheck && loginCheck.login === login.trim() && loginCheck.available !== false
      ? loginCheck.message
      : "Your login to the Acronis management console. Letters, digits and . _ - @.";

  return (
    <form
      ref={formRef}
      // Without JavaScript (or before hydration) the form still posts to the server action.
      action={action}
      noValidate
      // Submitting through a transition (not the form's action prop) keeps everything typed after a refusal:
      // React resets a form after its action, and would clear selects and the password too.
      onSubmit={(e) => {
        e.preventDefault();
        if (pending) return;
        const data = new FormData(e.currentTarget);
        startSubmit(() => action(data));
      }}
      aria-busy={pending}
      className="mt-10 grid gap-8 lg:grid-cols-[1fr_20rem]"
    >
      <input type="hidden" name="requestKey" value={requestKey} />
      <input type="hidden" name="termsVersion" value={options.termsVersion} />
      <div className="flex min-w-0 flex-col gap-8">
        {currencyNotice && !state && <FormMessage ok={false} message={currencyNotice} />}
        <FormMessage ok={state?.ok} message={state?.message} />

        <Section number={1} title="Your company" description="As it should appear on your invoices.">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Company name"
              name="companyName"
              autoComplete="organization"
              required
              defaultValue={values.companyName}
              errors={errors.companyName}
            />
            <Field
              label="Legal name (if different)"
              name="legalName"
              defaultValue={values.legalName}
              errors={errors.legalName}
            />
            <Field
              className="sm:col-span-2"
              label="Street address"
              name="addressLine1"
              autoComplete="address-line1"
              required
              defaultValue={values.addressLine1}
              errors={errors.addressLine1}
            />
            <Field
              className="sm:col-span-2"
              label="Address line 2 (optional)"
              name="addressLine2"
              autoComplete="address-line2"
              defaultValue={values.addressLine2}
              errors={errors.addressLine2}
            />
            <Field
              label="City"
              name="city"
              autoComplete="address-level2"
              required
              defaultValue={values.city}
              errors={errors.city}
            />
            <Field
              label="Postal code"
              name="postalCode"
              autoComplete="postal-code"
              required
              defaultValue={values.postalCode}
              errors={errors.postalCode}
            />
            <Field
              label="State / region (optional)"
              name="region"
              autoComplete="address-level1"
              defaultValue={values.region}
              errors={errors.region}
            />
            <SelectField
              label="Country"
              name="country"
              value={country}
              onChange={setCountry}
              errors={errors.country}
              autoComplete="country"
            >
              <option value="">Choose…</option>
              {options.countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <Field
              label="VAT / tax id (optional)"
              name="taxId"
              defaultValue={values.taxId}
              errors={errors.taxId}
              hint="EU companies: your VAT number with its country prefix, e.g. DE123456789."
            />
            <SelectField
              label="Billing currency"
              name="currency"
              value={currency}
              onChange={setCurrency}
              errors={errors.currency}
              hint={
                fx?.source === "fx"
                  ? `Converted from ${fx.base} at 1 ${fx.base} = ${fx.rate} ${fx.code} (rate of ${fx.rateDate}); each invoice uses the latest rate.`
                  : "Invoices and prices in this currency."
              }
            >
              {options.currencies.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code}
                  {c.source === "fx" ? " (converted)" : ""}
                </option>
              ))}
            </SelectField>
          </div>
        </Section>

        <Section
          number={2}
          title="Your administrator account"
          description="You sign in here with your email; the login below is for the Acronis console."
        >
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Your name"
              name="adminName"
              autoComplete="name"
              required
              defaultValue={values.adminName}
              errors={errors.adminName}
            />
            <Field
              label="Work email"
              name="email"
              type="email"
              autoComplete="email"
              required
              defaultValue={values.email}
              errors={errors.email}
              onBlur={(e) => {
                const email = e.currentTarget.value.trim().toLowerCase();
                if (!loginTouched && email.includes("@") && !login) {
                  setLogin(email);
                  checkLogin(email);
                }
              }}
            />
            <Field
              label="Password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              errors={errors.password}
              hint="At least 10 characters, mixing letters with digits or symbols."
            />
            <Field
              label="Acronis login"
              name="acronisLogin"
              autoComplete="off"
              spellCheck={false}
              required
              value={login}
              onChange={(e) => {
                setLoginTouched(true);
                setLogin(e.currentTarget.value);
              }}
              onBlur={(e) => checkLogin(e.currentTarget.value)}
              errors={loginErrors}
              hint={loginHint}
            />
          </div>
        </Section>

        <Section number={3} title="Your plan" description="Change it any time: upgrades apply at once.">
          <fieldset>
            <legend className="sr-only">Tier</legend>
            <div className="grid grid-cols-2 gap-3 xl:grid-cols-3">
              {options.tiers.map((t) => {
                const commitment = t.commitment[currency];
                return (
                  <label
                    key={t.code}
                    className={cn(
                      "relative flex cursor-pointer flex-col rounded-lg border bg-white p-4 shadow-sm transition focus-within:ring-2 focus-within:ring-brand",
                      tier === t.code
                        ? "border-brand ring-1 ring-brand"
                        : "border-slate-200 hover:border-slate-300",
                    )}
                  >
                    <input
                      type="radio"
                      name="tier"
                      value={t.code}
                      checked={tier === t.code}
                      onChange={() => setTier(t.code)}
                      className="sr-only"
                      aria-describedby={`tier-${t.code}-desc`}
                    />
                    <span className="flex items-center justify-between gap-2">
                      <span className="font-semibold text-slate-900">{t.name}</span>
                      {t.trialAllowed && (
                        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">
                          Free trial
                        </span>
                      )}
                    </span>
                    <span id={`tier-${t.code}-desc`} className="mt-2 text-sm text-slate-500">
                      {commitment == null ? (
                        "Not available in this currency"
                      ) : (
                        <>
                          <span className="text-lg font-semibold tabular-nums text-slate-900">
                            {formatMoney(commitment, currency)}
                          </span>
                          <span className="block">minimum / month</span>
                        </>
                      )}
                    </span>
                  </label>
                );
              })}
            </div>
            {errors.tier && (
              <p role="alert" className="mt-2 text-xs font-medium text-red-700">
                {errors.tier.join(" ")}
              </p>
            )}
          </fieldset>

          <div className="mt-5 flex flex-col gap-4">
            <label
              className={cn(
                "flex items-start gap-3 text-sm",
                trialPossible ? "text-slate-800" : "text-slate-400",
              )}
            >
              <input
                type="checkbox"
                name="trial"
                checked={isTrial}
                disabled={!trialPossible}
                onChange={(e) => setTrial(e.currentTarget.checked)}
                className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-[var(--brand)]"
                aria-describedby="trial-desc"
              />
              <span>
                <span className="font-medium">Start with a free {options.trialDays}-day trial</span>
                <span id="trial-desc" className="block text-slate-500">
                  {trialPossible
                    ? "No invoice and no commitment during the trial; convert to paid whenever you are ready."
                    : `${selectedTier?.name ?? "This plan"} has no free trial.`}
                </span>
              </span>
            </label>
            {errors.trial && (
              <p role="alert" className="text-xs font-medium text-red-700">
                {errors.trial.join(" ")}
              </p>
            )}
            {!isTrial && options.rampUpMaxCycles > 0 && (
              <SelectField
                label="Ramp-up"
                name="rampUpCycles"
                value={rampUp}
                onChange={setRampUp}
                errors={errors.rampUpCycles}
                hint="During ramp-up months the minimum commitment is waived: you pay only for what you use. It can't be added later."
              >
                {rampChoices(options.rampUpMaxCycles).map((n) => (
                  <option key={n} value={String(n)}>
                    {n === 0 ? "No ramp-up" : `${n} month${n === 1 ? "" : "s"} without the minimum`}
                  </option>
                ))}
              </SelectField>
            )}
          </div>
        </Section>
      </div>

      <aside className="lg:sticky lg:top-20 lg:self-start">
        <div className="rounded-lg border border-slate-200 bg-slate-50 p-5">
          <h2 className="text-sm font-semibold uppercase tracking-wider text-slate-500">Summary</h2>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">Plan</dt>
            <dd className="text-right font-medium text-slate-900">
              {selectedTier?.name ?? "—"}
              {isTrial ? " (trial)" : ""}
            </dd>
            <dt className="text-slate-500">Minimum</dt>
            <dd className="text-right tabular-nums text-slate-900">
              {isTrial
                ? "None during the trial"
                : selectedTier?.commitment[currency] != null
                  ? `${formatMoney(selectedTier.commitment[currency], currency)} / month`
                  : "—"}
            </dd>
            {!isTrial && Number(rampUp) > 0 && (
              <>
                <dt className="text-slate-500">Ramp-up</dt>
                <dd className="text-right text-slate-900">
                  first {rampUp} month{rampUp === "1" ? "" : "s"} waived
                </dd>
              </>
            )}
            <dt className="text-slate-500">Currency</dt>
            <dd className="text-right text-slate-900">{currency}</dd>
          </dl>
          <p className="mt-3 text-xs text-slate-500">
            Usage is billed monthly per customer and service, excl. tax.
            {options.requireAdminApproval
              ? " New partners are approved by our team before the account is set up."
              : ""}
          </p>
          <label className="mt-5 flex items-start gap-3 text-sm text-slate-800">
            <input
              type="checkbox"
              name="acceptTerms"
              defaultChecked={values.acceptTerms === "on"}
              aria-invalid={errors.acceptTerms ? true : undefined}
              aria-describedby={errors.acceptTerms ? "terms-error" : undefined}
              className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-[var(--brand)]"
            />
            <span>
              I accept the{" "}
              <Link href="/terms" target="_blank" className="font-medium text-brand hover:underline">
                terms of service
              </Link>{" "}
              (version {options.termsVersion}) and the{" "}
              <Link href="/privacy" target="_blank" className="font-medium text-brand hover:underline">
                privacy notice
              </Link>
              .
            </span>
          </label>
          {errors.acceptTerms && (
            <p id="terms-error" role="alert" className="mt-2 text-xs font-medium text-red-700">
              {errors.acceptTerms.join(" ")}
            </p>
          )}
          <button
            type="submit"
            disabled={pending}
            aria-busy={pending}
            className={buttonClass("primary", "mt-5 w-full py-2.5")}
          >
            {pending && (
              <span
                aria-hidden
                className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-current border-t-transparent"
              />
            )}
            {pending ? "Creating your account…" : isTrial ? "Start free trial" : "Create account"}
          </button>
          <p className="mt-3 text-center text-xs text-slate-500">
            We email you a link to confirm your address first.
          </p>
        </div>
      </aside>
    </form>
  );
}

function rampChoices(max: number): number[] {
  const out: number[] = [];
  for (let n = 0; n <= max; n++) out.push(n);
  return out;
}

function Section({
  number,
  title,
  description,
  children,
}: {
  number: number;
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`section-${number}`}
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
    >
      <div className="mb-5 flex items-start gap-3">
        <span
          aria-hidden
          className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-brand text-sm font-semibold text-brand-contrast"
        >
          {number}
        </span>
        <div>
          <h2 id={`section-${number}`} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <p className="text-sm text-slate-500">{description}</p>
        </div>
      </div>
      {children}
    </section>
  );
}
