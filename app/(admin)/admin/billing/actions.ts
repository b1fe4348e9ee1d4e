"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { userAction } from "@/lib/actions/safe-action";
import { previewBillingPeriod, requestBillingRun, requestIssue, requestResume } from "@/lib/invoices";
import { sharedJobQueue } from "@/lib/jobs";

const periodSchema = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a month like 2026-10."),
});
const runSchema = z.object({ runId: z.string().uuid() });

export const previewAction = userAction("finance:write", periodSchema, ({ period }, ctx) =>
  previewBillingPeriod(ctx.db, { period, today: ctx.today }),
);

// The run row exists when this answers; its drafting is a job of the worker (lib/invoices/run-jobs.ts), and
// the run page follows its progress (a stopped run is resumable from there).
export const startRunAction = userAction("finance:write", periodSchema, async ({ period }, ctx) => {
  const run = await requestBillingRun(ctx.db, await sharedJobQueue(), {
    period,
    today: ctx.today,
    actor: ctx.audit,
  });
  redirect(`/admin/billing/${run.id}`);
});

export const issueRunAction = userAction(
  "finance:write",
  runSchema,
  async ({ runId }, ctx) => {
    await requestIssue(ctx.db, await sharedJobQueue(), { runId, today: ctx.today, actor: ctx.audit });
    revalidatePath(`/admin/billing/${runId}`);
  },
  { message: "Issuing started: numbers are assigned as each batch commits." },
);

export const resumeRunAction = userAction(
  "finance:write",
  runSchema,
  async ({ runId }, ctx) => {
    const phase = await requestResume(ctx.db, await sharedJobQueue(), {
      runId,
      today: ctx.today,
      actor: ctx.audit,
    });
    revalidatePath(`/admin/billing/${runId}`);
    return phase;
  },
  {
    message: (phase) =>
      phase === "issuing" ? "Issuing the remaining drafts." : "Drafting the rest of the run.",
  },
);
