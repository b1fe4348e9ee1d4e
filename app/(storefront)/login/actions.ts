"use server";
import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { publicAction } from "@/lib/actions/safe-action";
import { signIn } from "@/lib/auth/auth";
import { signInSchema } from "@/lib/auth/credentials";
import { AppError } from "@/lib/errors/app-error";
import { singleLine } from "@/lib/validation/text";

const schema = signInSchema.extend({ next: singleLine({ max: 2000 }).optional() });

/** Only same-site paths: an open redirect would let a phishing link bounce through our domain. */
function safeNext(next: string | undefined): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/home";
}

export const signInAction = publicAction(schema, async ({ email, password, next }) => {
  await headers();
  try {
    await signIn("credentials", { email, password, redirectTo: safeNext(next) });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (code?.startsWith("locked:")) {
        const minutes = Math.max(1, Math.ceil(Number(code.slice("locked:".length)) / 60) || 15);
        throw new AppError(
          "rate_limited",
          `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or reset your password.`,
        );
      }
      if (code === "disabled")
        throw new AppError("forbidden", "This account is disabled. Contact your administrator.");
      if (code === "unverified")
        throw new AppError(
          "forbidden",
          "Confirm your email first: open the link we sent you. No email? Use “Resend the link” on the sign-up confirmation page.",
        );
      throw new AppError("unauthenticated", "The email or password is not correct.");
    }
    throw error;
  }
});
