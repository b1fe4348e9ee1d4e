"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { type ActionState, publicAction } from "@/lib/actions/safe-action";
import { resetPassword, resetSchema } from "@/lib/auth/password-reset";

const run = publicAction(resetSchema, (input) => resetPassword(getDb(), input));

export async function resetPasswordAction(
  prev: ActionState | undefined,
  form: FormData,
): Promise<ActionState> {
  const result = await run(prev, form);
  if (result.ok) redirect("/login?reset=done");
  return result;
}
