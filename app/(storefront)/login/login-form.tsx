"use client";
import Link from "next/link";
import { useActionState, useState } from "react";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/safe-action";
import { signInAction } from "./actions";
import { CodeStep } from "./code-step";

type PasswordStep = ActionState<{ twoFactorToken: string } | undefined>;

/**
 * Email and password; for an account with two-factor sign-in, then the code step (its own form, holding the
 * single-use token the right password gave). Going back, or an expired token, returns here.
 */
export function LoginForm({ next, notice }: { next?: string; notice?: string }) {
  const [state, action] = useActionState(signInAction, undefined);
  const [left, setLeft] = useState<{ from: PasswordStep | undefined; message?: string } | null>(null);
  const token = state?.ok ? state.data?.twoFactorToken : undefined;
  const backFromCode = left !== null && left.from === state;
  if (token && !backFromCode)
    return <CodeStep token={token} next={next} onBack={(message) => setLeft({ from: state, message })} />;
  const message = backFromCode ? left.message : state?.ok ? undefined : state?.message;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {notice && !state && <FormMessage ok message={notice} />}
      <FormMessage message={message} />
      <input type="hidden" name="next" value={next ?? ""} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state?.values?.email}
        errors={state?.fieldErrors?.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={state?.fieldErrors?.password}
      />
      <div className="flex items-center justify-between">
        <Link href="/forgot-password" className="text-sm font-medium text-brand hover:underline">
          Forgot your password?
        </Link>
      </div>
      <SubmitButton pendingText="Signing in…" className="w-full">
        Sign in
      </SubmitButton>
    </form>
  );
}
