"use server";
import { revalidatePath } from "next/cache";
import { requireResellerScope } from "@/lib/actions/context";
import { userAction } from "@/lib/actions/safe-action";
import { alertRulesSchema, saveAlertRules } from "@/lib/alerts/rules";

/** Saves the caller's own reseller's three alert rules; only the account owner may. */
export const saveAlertRulesAction = userAction(
  "portal:manage",
  alertRulesSchema,
  async (input, ctx) => {
    await saveAlertRules(ctx.db, requireResellerScope(ctx), input, ctx.audit);
    revalidatePath("/portal/alerts");
  },
  { message: "Alerts saved. They are checked after every usage sync." },
);
