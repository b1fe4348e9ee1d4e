"use client";
import Link from "next/link";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { forgotPasswordAction } from "./actions";

export default function ForgotPasswordPage() {
  const [state, action] = useActionState(forgotPasswordAction, undefined);
  return (
    <div className="mx-auto flex max-w-md flex-col px-4 py-16 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight">Reset your password</h1>
      <p className="mt-1 text-sm text-slate-600">We will email you a link to choose a new password.</p>
      <form
        action={action}
        noValidate
        className="mt-8 flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      >
        <FormMessage ok={state?.ok} message={state?.message} />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state?.values?.email}
          errors={state?.fieldErrors?.email}
        />
        <SubmitButton pendingText="Sending…">Send reset link</SubmitButton>
        <Link href="/login" className="text-center text-sm font-medium text-brand hover:underline">
          Back to sign in
        </Link>
      </form>
    </div>
  );
}
