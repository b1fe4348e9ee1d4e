"use server";
import { getDb } from "@/db/client";
import { type ActionState, publicAction } from "@/lib/actions/safe-action";
import { requestPasswordReset, requestResetSchema } from "@/lib/auth/password-reset";
import { appOrigin, requestAddress } from "@/lib/http/origin";

const run = publicAction(requestResetSchema, async ({ email }) => {
  await requestPasswordReset(getDb(), email, { appUrl: appOrigin(), address: await requestAddress() });
});

export async function forgotPasswordAction(
  prev: ActionState | undefined,
  form: FormData,
): Promise<ActionState> {
  const result = await run(prev, form);
  // The same answer whether or not the account exists, so the form reveals no accounts.
  return result.ok
    ? {
        ok: true,
        message:
          "If an account exists for that email, a reset link is on its way. It is valid for 60 minutes.",
      }
    : result;
}
