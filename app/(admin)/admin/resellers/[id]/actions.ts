"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/actions/safe-action";
import {
  cancelImmediately,
  overrideRampUp,
  resumeContract,
  retryProvisioning,
  suspendContract,
} from "@/lib/contracts";
import { approveSignup, rejectSignup } from "@/lib/signup";
import { singleLine } from "@/lib/validation/text";

const reason = singleLine({
  min: 3,
  minMessage: "Say why, in a few words (it goes to the audit log).",
  max: 500,
  requiredMessage: "Say why, in a few words (it goes to the audit log).",
});
const withReason = z.object({ contractId: z.string().uuid(), reason });
const rampUp = z.object({
  contractId: z.string().uuid(),
  reason,
  cycles: z.coerce.number({ message: "Enter a number of cycles." }).int("Whole cycles only.").min(0).max(24),
});
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

export const rampUpAction = userAction(
  "admin:write",
  rampUp,
  async (input, ctx) => {
    await overrideRampUp(ctx.db, { ...input, today: ctx.today, actor: ctx.audit });
    refreshResellers();
  },
  { message: "Ramp-up changed." },
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
