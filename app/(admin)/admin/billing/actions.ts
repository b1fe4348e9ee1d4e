"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { type ActionState, userAction } from "@/lib/actions/safe-action";
import { todayUtc } from "@/lib/clock";
import { previewBillingPeriod, requestBillingRun, requestIssue, requestResume } from "@/lib/invoices";
import { sharedJobQueue } from "@/lib/jobs";

const periodSchema = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a month like 2026-10."),
});
const runSchema = z.object({ runId: z.string().uuid() });

const preview = userAction("finance:write", periodSchema, async ({ period }) => {
  return previewBillingPeriod(getDb(), { period, today: todayUtc() });
});

export async function previewAction(prev: ActionState | undefined, form: FormData) {
  return preview(prev, form);
}

// The run row exists when this answers; its drafting is a job of the worker (lib/invoices/run-jobs.ts), and
// the run page follows its progress (a stopped run is resumable from there).
const start = userAction("finance:write", periodSchema, async ({ period }, user) => {
  const run = await requestBillingRun(getDb(), await sharedJobQueue(), {
    period,
    today: todayUtc(),
    actor: { userId: user.id, label: user.email },
  });
  return run.id;
});

export async function startRunAction(prev: ActionState | undefined, form: FormData): Promise<ActionState> {
  const result = await start(prev, form);
  if (result.ok && result.data) redirect(`/admin/billing/${result.data}`);
  return result;
}

const issue = userAction("finance:write", runSchema, async ({ runId }, user) => {
  await requestIssue(getDb(), await sharedJobQueue(), {
    runId,
    today: todayUtc(),
    actor: { userId: user.id, label: user.email },
  });
  revalidatePath(`/admin/billing/${runId}`);
});

export async function issueRunAction(prev: ActionState | undefined, form: FormData): Promise<ActionState> {
  const result = await issue(prev, form);
  return result.ok
    ? { ok: true, message: "Issuing started: numbers are assigned as each batch commits." }
    : result;
}

const resume = userAction("finance:write", runSchema, async ({ runId }, user) => {
  const phase = await requestResume(getDb(), await sharedJobQueue(), {
    runId,
    today: todayUtc(),
    actor: { userId: user.id, label: user.email },
  });
  revalidatePath(`/admin/billing/${runId}`);
  return phase;
});

export async function resumeRunAction(prev: ActionState | undefined, form: FormData): Promise<ActionState> {
  const result = await resume(prev, form);
  if (!result.ok) return result;
  return {
    ok: true,
    message: result.data === "issuing" ? "Issuing the remaining drafts." : "Drafting the rest of the run.",
  };
}
