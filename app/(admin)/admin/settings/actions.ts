"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { userAction } from "@/lib/actions/safe-action";
import { setStaffTwoFactorRequirement } from "@/lib/auth/two-factor";
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

export const saveStaffTwoFactorAction = userAction(
  "admin:write",
  z.object({
    requireStaffTwoFactor: z.enum(["on", "off"]),
    // The form's confirm step sends this; a change that can lock staff out of pages is never a stray click.
    confirm: z.literal("yes", { error: "Confirm the change first." }),
  }),
  async ({ requireStaffTwoFactor }, ctx) => {
    const on = requireStaffTwoFactor === "on";
    await setStaffTwoFactorRequirement(ctx.db, ctx.audit, on);
    revalidatePath("/admin/settings");
    // The requirement now applies to this admin too: straight to the enrolment page.
    if (on && !ctx.user.twoFactorEnabled) redirect("/account/security?required=staff");
    return on;
  },
  {
    message: (on) =>
      on
        ? "Staff now need two-factor sign-in: those without it are sent to set it up."
        : "Staff no longer need two-factor sign-in.",
  },
);
