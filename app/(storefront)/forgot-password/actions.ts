"use server";
import { publicAction } from "@/lib/actions/safe-action";
import { requestPasswordReset, requestResetSchema } from "@/lib/auth/password-reset";
import { appOrigin, requestAddress } from "@/lib/http/origin";

// The same answer whether or not the account exists, so the form reveals no accounts.
export const forgotPasswordAction = publicAction(
  requestResetSchema,
  async ({ email }, ctx) => {
    await requestPasswordReset(ctx.db, email, { appUrl: appOrigin(), address: await requestAddress() });
  },
  { message: "If an account exists for that email, a reset link is on its way. It is valid for 60 minutes." },
);
