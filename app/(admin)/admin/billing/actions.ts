"use server";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
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
  after(() =>
    work.then(
      () => undefined,
      (err) => console.error("[billing] run failed:", err instanceof Error ? err.message : err),
    ),
  );
  return Promise.race([created, work.then((run) => run.id)]);
});

export async function startRunAction(prev: ActionState | undefined, form: FormData): Promise<ActionState> {
  const result = await start(prev, form);
  if (result.ok && result.data) redirect(`/admin/billing/${result.data}`);
  return result;
}

const issue = userAction("finance:write", runSchema, async ({ runId }, user) => {
  after(async () => {
    try {
      await issueBillingRun(getDb(), { runId, actor: { userId: user.id, label: user.email } });
    } catch (err) {
      console.error("[billing] issuing failed:", err instanceof Error ? err.message : err);
    }
  });
});

export async function issueRunAction(prev: ActionState | undefined, form: FormData): Promise<ActionState> {
  const result = await issue(prev, form);
  return result.ok
    ? { ok: true, message: "Issuing started: numbers are assigned as each batch commits." }
    : result;
}

const resume = userAction("finance:write", runSchema, async ({ runId }) => {
  after(async () => {
    try {
      await resumeBillingRun(getDb(), runId);
    } catch (err) {
      console.error("[billing] resume failed:", err instanceof Error ? err.message : err);
    }
  });
});

export async function resumeRunAction(prev: ActionState | undefined, form: FormData): Promise<ActionState> {
  const result = await resume(prev, form);
  return result.ok ? { ok: true, message: "Resuming the run." } : result;
}
