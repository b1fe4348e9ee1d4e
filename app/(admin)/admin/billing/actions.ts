"use server";
import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { billingRuns } from "@/db/schema";
import { type ActionState, userAction } from "@/lib/actions/safe-action";
import { issueBillingRun, previewBillingRun, resumeBillingRun, startBillingRun } from "@/lib/invoices";

const periodSchema = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a month like 2026-10."),
});
const runSchema = z.object({ runId: z.string().uuid() });

const preview = userAction("finance:write", periodSchema, async ({ period }) => {
  return previewBillingRun(getDb(), period);
});

export async function previewAction(prev: ActionState | undefined, form: FormData) {
  return preview(prev, form);
}

const start = userAction("finance:write", periodSchema, async ({ period }, user) => {
  // The run row exists before the first batch; drafting then continues after the response, and the run
  // page shows its progress (a crash is resumable from there).
  let announce: (id: string) => void = () => {};
  const created = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const work = startBillingRun(getDb(), {
    period,
    actor: { userId: user.id, label: user.email },
    beforeBatch: ({ runId }) => announce(runId),
  });
  inBackground("run", work);
  return Promise.race([created, work.then((run) => run.id)]);
});

export async function startRunAction(prev: ActionState | undefined, form: FormData): Promise<ActionState> {
  const result = await start(prev, form);
  if (result.ok && result.data) redirect(`/admin/billing/${result.data}`);
  return result;
}

/** Starts long work now and lets it finish after the response (its progress is stored in the run). */
function inBackground(label: string, work: Promise<unknown>): void {
  const settled = work.then(
    () => undefined,
    (err) => console.error(`[billing] ${label} failed:`, err instanceof Error ? err.message : err),
  );
  after(() => settled);
}

const issue = userAction("finance:write", runSchema, async ({ runId }, user) => {
  // Mark the run as issuing before answering, so the page that renders next already follows it.
  await getDb()
    .update(billingRuns)
    .set({ status: "issuing", updatedAt: new Date() })
    .where(and(eq(billingRuns.id, runId), eq(billingRuns.status, "drafted")));
  inBackground("issuing", issueBillingRun(getDb(), { runId, actor: { userId: user.id, label: user.email } }));
  revalidatePath(`/admin/billing/${runId}`);
});

export async function issueRunAction(prev: ActionState | undefined, form: FormData): Promise<ActionState> {
  const result = await issue(prev, form);
  return result.ok
    ? { ok: true, message: "Issuing started: numbers are assigned as each batch commits." }
    : result;
}

const resume = userAction("finance:write", runSchema, async ({ runId }) => {
  inBackground("resume", resumeBillingRun(getDb(), runId));
  revalidatePath(`/admin/billing/${runId}`);
});

export async function resumeRunAction(prev: ActionState | undefined, form: FormData): Promise<ActionState> {
  const result = await resume(prev, form);
  return result.ok ? { ok: true, message: "Resuming the run." } : result;
}
