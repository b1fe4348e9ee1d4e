"use server";
import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/actions/safe-action";
import { storefrontChanged } from "@/lib/catalogue/storefront-cache";
import { brandingSchema, updateBranding } from "@/lib/settings/branding";
import { policySchema, updatePolicies } from "@/lib/settings/policies";

export const saveBrandingAction = userAction(
  "admin:write",
  brandingSchema,
  async (input, ctx) => {
    await updateBranding(ctx.db, input, ctx.audit);
    storefrontChanged();
    revalidatePath("/", "layout");
  },
  { message: "Branding saved. The storefront shows it now." },
);

export const savePoliciesAction = userAction(
  "admin:write",
  policySchema,
  async (input, ctx) => {
    await updatePolicies(ctx.db, input, ctx.audit);
    // The sign-up page shows the trial length, ramp-up cycles and the approval notice.
    storefrontChanged();
    revalidatePath("/", "layout");
  },
  { message: "Policies saved. New sign-ups and trials follow them now." },
);
