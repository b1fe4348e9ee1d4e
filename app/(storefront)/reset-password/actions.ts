"use server";
import { redirect } from "next/navigation";
import { publicAction } from "@/lib/actions/safe-action";
import { resetPassword, resetSchema } from "@/lib/auth/password-reset";

export const resetPasswordAction = publicAction(resetSchema, async (input, ctx) => {
  await resetPassword(ctx.db, input);
  redirect("/login?reset=done");
});
