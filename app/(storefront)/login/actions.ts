"use server";
import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { publicAction } from "@/lib/actions/safe-action";
import { signIn, twoFactorTokenOf } from "@/lib/auth/auth";
import { secondFactorSchema, signInSchema } from "@/lib/auth/credentials";
import { AppError } from "@/lib/errors/app-error";
import { singleLine } from "@/lib/validation/text";

const next = singleLine({ max: 2000 }).optional();
const schema = signInSchema.extend({ next });
const codeSchema = secondFactorSchema.extend({ next });

/** Only same-site paths: an open redirect would let a phishing link bounce through our domain. */
function safeNext(next: string | undefined): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/home";
}

const codeOf = (error: AuthError) => (error as AuthError & { code?: string }).code;

/** The refusals both steps share, as the form's message. */
function refusal(error: AuthError, step: "password" | "code"): AppError {
  const code = codeOf(error);
  if (code?.startsWith("locked:")) {
    const minutes = Math.max(1, Math.ceil(Number(code.slice("locked:".length)) / 60) || 15);
    const wait = `${minutes} minute${minutes === 1 ? "" : "s"}`;
    return new AppError(
      "rate_limited",
      step === "password"
        ? `Too many failed attempts. Try again in ${wait}, or reset your password.`
        : `Too many wrong codes. Try again in ${wait}.`,
    );
  }
  if (code === "disabled")
    return new AppError("forbidden", "This account is disabled. Contact your administrator.");
  if (code === "unverified")
    return new AppError(
      "forbidden",
      "Confirm your email first: open the link we sent you. No email? Use “Resend the link” on the sign-up confirmation page.",
    );
  if (code === "two_factor_expired")
    return new AppError("unauthenticated", "This sign-in has expired. Enter your email and password again.", {
      token: ["expired"],
    });
  return new AppError(
    "unauthenticated",
    step === "password"
      ? "The email or password is not correct."
      : "This code is not correct, or it was used already.",
  );
}

/** Step one: email and password. An account with two-factor sign-in answers with the code step's token. */
export const signInAction = publicAction(schema, async ({ email, password, next }) => {
  await headers();
  try {
    await signIn("credentials", { email, password, redirectTo: safeNext(next) });
  } catch (error) {
    const twoFactorToken = twoFactorTokenOf(error);
    if (twoFactorToken) return { twoFactorToken };
    if (error instanceof AuthError) throw refusal(error, "password");
    throw error;
  }
});

/** Step two: the code from the authenticator app (or a recovery code) with the token step one gave. */
export const signInCodeAction = publicAction(codeSchema, async ({ token, code, next }) => {
  await headers();
  try {
    await signIn("two-factor", { token, code, redirectTo: safeNext(next) });
  } catch (error) {
    if (error instanceof AuthError) throw refusal(error, "code");
    throw error;
  }
});
