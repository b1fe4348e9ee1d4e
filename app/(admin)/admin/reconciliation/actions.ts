"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/actions/safe-action";
import { sharedJobQueue } from "@/lib/jobs";
import { requestCheck } from "@/lib/reconciliation/jobs";

const checkSchema = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Pick a month like 2026-10."),
});

// Admin and finance may ask Acronis (each check downloads a report of every customer); support only reads.
export const checkAction = userAction(
  "finance:write",
  checkSchema,
  async ({ period }, ctx) => {
    const result = await requestCheck(ctx.db, await sharedJobQueue(), {
      period,
      today: ctx.today,
      actor: ctx.audit,
    });
    revalidatePath("/admin/reconciliation");
    return result;
  },
  {
    message: ({ queued, alreadyWaiting }) =>
      [
        queued.length > 0
          ? `Checking ${queued.join(", ")} against Acronis: this page updates when it is done.`
          : "",
        alreadyWaiting.length > 0 ? `A check of ${alreadyWaiting.join(", ")} is already waiting.` : "",
      ]
        .filter(Boolean)
        .join(" "),
  },
);
