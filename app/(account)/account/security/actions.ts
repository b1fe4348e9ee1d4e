"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userContextOf } from "@/lib/actions/context";
import { publicAction } from "@/lib/actions/safe-action";
import { requireAccountUser } from "@/lib/auth/guard";
import {
  beginEnrolment,
  cancelEnrolment,
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
} from "@/lib/auth/two-factor";

/**
 * The user's own sign-in security. Any signed-in user, staff who still have to enrol included (so these use
 * requireAccountUser, not a permission); each acts on the caller's own account only.
 */
const PATH = "/account/security";

async function ctx() {
  return userContextOf(await requireAccountUser());
}

const codeField = z
  .string()
  .trim()
  .min(1, "Enter the six digits your app shows.")
  .max(20, "Enter the six digits your app shows.");

const proofSchema = z.object({
  code: z.string().trim().max(40, "Enter a six-digit code or a recovery code.").optional(),
  password: z.string().max(200).optional(),
});

/**
 * The current password first; answers with the key and QR code, shown in this answer only (a reload does
 * not show them again, so a session left open cannot read a key to confirm).
 */
export const beginEnrolmentAction = publicAction(
  z.object({ password: z.string().max(200, "This password is not correct.").optional() }),
  async ({ password }) => {
    const c = await ctx();
    return beginEnrolment(c.db, c.user, { password }, c.now);
  },
);

export const cancelEnrolmentAction = publicAction(z.object({}), async () => {
  const c = await ctx();
  await cancelEnrolment(c.db, c.user);
  revalidatePath(PATH);
});

/** Answers with the recovery codes (shown once); the page refreshes when the user has saved them. */
export const confirmEnrolmentAction = publicAction(
  z.object({ code: codeField }),
  async ({ code }) => {
    const c = await ctx();
    return confirmEnrolment(c.db, c.user, code, c.now);
  },
  { message: "Two-factor sign-in is on." },
);

export const regenerateRecoveryCodesAction = publicAction(
  proofSchema,
  async (proof) => {
    const c = await ctx();
    return regenerateRecoveryCodes(c.db, c.user, proof, c.now);
  },
  { message: "New recovery codes made. The old ones no longer work." },
);

export const disableTwoFactorAction = publicAction(
  proofSchema,
  async (proof) => {
    const c = await ctx();
    await disableTwoFactor(c.db, c.user, proof, c.now);
    revalidatePath(PATH);
  },
  { message: "Two-factor sign-in is off." },
);
