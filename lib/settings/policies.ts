import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { distributorSettings } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { updateSettings } from "./branding";

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter ${label}.` })
    .int("Whole numbers only.")
    .min(min, `At least ${min}.`)
    .max(max, `At most ${max}.`);

/**
 * "7, 14, 30" → [7, 14, 30]: days after the due date on which an unpaid invoice gets a reminder. Positive
 * whole numbers up to 365, each once, in order; empty means no reminders.
 */
export const reminderDaysSchema = z
  .string({ error: "Enter the reminder days." })
  .max(200, "Too long.")
  .transform((text, ctx) => {
    const parts = text
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p !== "");
    const days: number[] = [];
    for (const part of parts) {
      if (!/^\d+$/.test(part) || Number(part) < 1 || Number(part) > 365) {
        ctx.addIssue({
          code: "custom",
          message: `“${part}” is not a whole number of days from 1 to 365. Separate days with commas, e.g. 7, 14.`,
        });
        return z.NEVER;
      }
      days.push(Number(part));
    }
    if (new Set(days).size !== days.length) {
      ctx.addIssue({ code: "custom", message: "Each day only once." });
      return z.NEVER;
    }
    if (days.length > 10) {
      ctx.addIssue({ code: "custom", message: "At most 10 reminders." });
      return z.NEVER;
    }
    return days.sort((a, b) => a - b);
  });

/**
 * Sign-up, trial and ramp-up policy (domain.md §3) and payment terms; every value is data an admin may
 * change. Payment terms apply to invoices issued from now on (an issued invoice keeps its due date);
 * reminder days apply to every unpaid invoice from the next daily reminder run.
 */
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
    // Blank is not 0 days (z.coerce would read it so).
    paymentTermsDays: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      whole("the payment terms in days", 0, 365),
    ),
    invoiceReminderDays: reminderDaysSchema,
  })
  .refine((v) => v.rampUpDefaultCycles <= v.rampUpMaxCycles, {
    path: ["rampUpDefaultCycles"],
    message: "The default can't be above the maximum.",
  });

export type PolicyInput = z.infer<typeof policySchema>;

export async function updatePolicies(db: Db, input: PolicyInput, actor: Actor): Promise<void> {
  const [current] = await db
    .select({ days: distributorSettings.invoiceReminderDays })
    .from(distributorSettings)
    .where(eq(distributorSettings.id, 1));
  // updateSettings audits what differs by identity: an unchanged list is left out, not reported as changed.
  const { invoiceReminderDays, ...rest } = input;
  const same = current && current.days.join(",") === invoiceReminderDays.join(",");
  await updateSettings(db, same ? rest : input, actor, "settings.policies_updated");
}
