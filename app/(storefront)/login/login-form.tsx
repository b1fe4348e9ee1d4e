"use client";
import Link from "next/link";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { signInAction } from "./actions";

export function LoginForm({ next, notice }: { next?: string; notice?: string }) {
  const [state, action] = useActionState(signInAction, undefined);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {notice && !state && <FormMessage ok message={notice} />}
      <FormMessage ok={state?.ok} message={state?.message} />
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
