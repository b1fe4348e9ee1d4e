import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/audit";
import { updateSettings } from "./branding";

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter ${label}.` })
    .int("Whole numbers only.")
    .min(min, `At least ${min}.`)
    .max(max, `At most ${max}.`);

/** Sign-up, trial and ramp-up policy (domain.md §3); every value is data an admin may change. */
export const policySchema = z
  .object({
    requireAdminApproval: z
      .string()
      .optional()
      .transform((v) => v === "on"),
    trialDays: whole("the trial length in days", 1, 31),
    trialEndPolicy: z.enum(["suspend", "convert"], { error: "Choose what happens when a trial ends." }),
    trialGraceDays: whole("the grace period in days", 0, 90),
    rampUpDefaultCycles: whole("the default ramp-up", 0, 12),
    rampUpMaxCycles: whole("the maximum ramp-up", 0, 12),
  })
  .refine((v) => v.rampUpDefaultCycles <= v.rampUpMaxCycles, {
    path: ["rampUpDefaultCycles"],
    message: "The default can't be above the maximum.",
  });

export type PolicyInput = z.infer<typeof policySchema>;

export async function updatePolicies(db: Db, input: PolicyInput, actor: Actor): Promise<void> {
  await updateSettings(db, input, actor, "settings.policies_updated");
}
