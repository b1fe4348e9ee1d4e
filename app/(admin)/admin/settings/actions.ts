"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { type ActionState, userAction } from "@/lib/actions/safe-action";
import { brandingSchema, updateBranding } from "@/lib/settings/branding";
import { policySchema, updatePolicies } from "@/lib/settings/policies";

const run = userAction("admin:write", brandingSchema, async (input, user) => {
  await updateBranding(getDb(), input, { userId: user.id, label: user.email });
  revalidatePath("/", "layout");
});

export async function saveBrandingAction(
  prev: ActionState | undefined,
  form: FormData,
): Promise<ActionState> {
  const result = await run(prev, form);
  return result.ok ? { ok: true, message: "Branding saved. The storefront shows it now." } : result;
}

const policies = userAction("admin:write", policySchema, async (input, user) => {
  await updatePolicies(getDb(), input, { userId: user.id, label: user.email });
  revalidatePath("/", "layout");
});

export async function savePoliciesAction(
  prev: ActionState | undefined,
  form: FormData,
): Promise<ActionState> {
  const result = await policies(prev, form);
  return result.ok
    ? { ok: true, message: "Policies saved. New sign-ups and trials follow them now." }
    : result;
}
