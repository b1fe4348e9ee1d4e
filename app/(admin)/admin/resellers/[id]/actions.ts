"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { type ActionState, userAction } from "@/lib/actions/safe-action";
import { todayUtc } from "@/lib/clock";
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

function adminAction<S extends z.ZodType<{ contractId: string }>>(
  schema: S,
  fn: (
    db: ReturnType<typeof getDb>,
    input: z.infer<S>,
    acting: { today: string; actor: { userId: string; label: string } },
  ) => Promise<unknown>,
  message: string,
) {
  return userAction(
    "admin:write",
    schema,
    async (input, user) => {
      await fn(getDb(), input, { today: todayUtc(), actor: { userId: user.id, label: user.email } });
      revalidatePath("/admin/resellers", "layout");
    },
    { message },
  );
}

const suspend = adminAction(
  withReason,
  (db, i, a) => suspendContract(db, { ...i, ...a }),
  "Suspended; the Acronis tenant is being disabled.",
);
const resume = adminAction(
  withReason,
  (db, i, a) => resumeContract(db, { ...i, ...a }),
  "Resumed; the Acronis tenant is being enabled.",
);
const cancelNow = adminAction(
  withReason,
  (db, i, a) => cancelImmediately(db, { ...i, ...a }),
  "Cancelled; the last period is prorated.",
);
const ramp = adminAction(rampUp, (db, i, a) => overrideRampUp(db, { ...i, ...a }), "Ramp-up changed.");
const retry = adminAction(
  plain,
  (db, i, a) => retryProvisioning(db, { ...i, ...a }),
  "Provisioning queued again.",
);

export async function suspendAction(p: ActionState | undefined, f: FormData) {
  return suspend(p, f);
}
export async function resumeAction(p: ActionState | undefined, f: FormData) {
  return resume(p, f);
}
export async function cancelNowAction(p: ActionState | undefined, f: FormData) {
  return cancelNow(p, f);
}
export async function rampUpAction(p: ActionState | undefined, f: FormData) {
  return ramp(p, f);
}
export async function retryProvisioningAction(p: ActionState | undefined, f: FormData) {
  return retry(p, f);
}

const signupRef = z.object({ resellerId: z.string().uuid() });

const approve = userAction(
  "admin:write",
  signupRef,
  async ({ resellerId }, user) => {
    await approveSignup(getDb(), {
      resellerId,
      actor: { userId: user.id, label: user.email },
      today: todayUtc(),
    });
    revalidatePath("/admin/resellers", "layout");
  },
  { message: "Approved; the contract started and provisioning is queued." },
);
const reject = userAction(
  "admin:write",
  signupRef.extend({ reason }),
  async ({ resellerId, reason: why }, user) => {
    await rejectSignup(getDb(), { resellerId, actor: { userId: user.id, label: user.email }, reason: why });
    revalidatePath("/admin/resellers", "layout");
  },
  { message: "Rejected; the reseller was told why." },
);

export async function approveSignupAction(p: ActionState | undefined, f: FormData) {
  return approve(p, f);
}
export async function rejectSignupAction(p: ActionState | undefined, f: FormData) {
  return reject(p, f);
}
