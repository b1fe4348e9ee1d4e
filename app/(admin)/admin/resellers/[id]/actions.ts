"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/actions/safe-action";
import { cancelImmediately, resumeContract, retryProvisioning, suspendContract } from "@/lib/contracts";
import {
  editResellerSchema,
  overrideRampUpConfirmed,
  priceAdjustmentInputSchema,
  rampUpInputSchema,
  setPriceAdjustment,
  updateResellerDetails,
} from "@/lib/resellers";
import { approveSignup, rejectSignup } from "@/lib/signup";
import { singleLine } from "@/lib/validation/text";

const reason = singleLine({
  min: 3,
  minMessage: "Say why, in a few words (it goes to the audit log).",
  max: 500,
  requiredMessage: "Say why, in a few words (it goes to the audit log).",
});
const withReason = z.object({ contractId: z.string().uuid(), reason });
const plain = z.object({ contractId: z.string().uuid() });

function refreshResellers() {
  revalidatePath("/admin/resellers", "layout");
}

export const suspendAction = userAction(
  "admin:write",
  withReason,
  async (input, ctx) => {
    await suspendContract(ctx.db, { ...input, today: ctx.today, actor: ctx.audit });
    refreshResellers();
  },
  { message: "Suspended; the Acronis tenant is being disabled." },
);

export const resumeAction = userAction(
  "admin:write",
  withReason,
  async (input, ctx) => {
    await resumeContract(ctx.db, { ...input, today: ctx.today, actor: ctx.audit });
    refreshResellers();
  },
  { message: "Resumed; the Acronis tenant is being enabled." },
);

export const cancelNowAction = userAction(
  "admin:write",
  withReason,
  async (input, ctx) => {
    await cancelImmediately(ctx.db, { ...input, today: ctx.today, actor: ctx.audit });
    refreshResellers();
  },
  { message: "Cancelled; the last period is prorated." },
);

/** Unconfirmed, answers with what the next invoice would look like (fieldErrors.confirm); confirmed, saves. */
export const rampUpAction = userAction(
  "admin:write",
  rampUpInputSchema,
  async (input, ctx) => {
    const change = await overrideRampUpConfirmed(ctx.db, ctx.audit, input, ctx.today);
    refreshResellers();
    return change;
  },
  { message: (c) => `Ramp-up changed from ${c.from} to ${c.to} cycle(s).` },
);

export const editResellerAction = userAction(
  "admin:write",
  editResellerSchema,
  async (input, ctx) => {
    const { changed } = await updateResellerDetails(ctx.db, ctx.audit, input);
    refreshResellers();
    return changed.length;
  },
  {
    message: (n) =>
      n === 0 ? "Nothing changed." : "Details saved. Invoices drafted from now on print them.",
  },
);

export const priceAdjustmentAction = userAction(
  "admin:write",
  priceAdjustmentInputSchema,
  async (input, ctx) => {
    await setPriceAdjustment(ctx.db, ctx.audit, input, ctx.today);
    refreshResellers();
  },
  { message: "Price adjustment saved. Previews and invoices drafted from now on use it." },
);

export const retryProvisioningAction = userAction(
  "admin:write",
  plain,
  async (input, ctx) => {
    await retryProvisioning(ctx.db, { ...input, today: ctx.today, actor: ctx.audit });
    refreshResellers();
  },
  { message: "Provisioning queued again." },
);

const signupRef = z.object({ resellerId: z.string().uuid() });

export const approveSignupAction = userAction(
  "admin:write",
  signupRef,
  async ({ resellerId }, ctx) => {
    await approveSignup(ctx.db, { resellerId, actor: ctx.audit, today: ctx.today });
    refreshResellers();
  },
  { message: "Approved; the contract started and provisioning is queued." },
);

export const rejectSignupAction = userAction(
  "admin:write",
  signupRef.extend({ reason }),
  async ({ resellerId, reason: why }, ctx) => {
    await rejectSignup(ctx.db, { resellerId, actor: ctx.audit, reason: why });
    refreshResellers();
  },
  { message: "Rejected; the reseller was told why." },
);
