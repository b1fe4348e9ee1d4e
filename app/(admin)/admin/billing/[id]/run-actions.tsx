"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { RunPhase } from "@/lib/invoices/run-jobs";
import { issueRunAction, resumeRunAction } from "../actions";

export function RunActions({
  runId,
  canIssue,
  resume: resumePhase,
}: {
  runId: string;
  canIssue: boolean;
  /** The phase a resume continues, or null when there is nothing to resume. */
  resume: RunPhase | null;
}) {
  const [issueState, issue] = useActionState(issueRunAction, undefined);
  const [resumeState, resume] = useActionState(resumeRunAction, undefined);
  return (
    <div className="flex flex-wrap items-start gap-3">
      {canIssue && (
        <form
          action={issue}
          onSubmit={(e) => {
            if (
              !window.confirm("Issue every draft of this run? Issued invoices get numbers and never change.")
            )
              e.preventDefault();
          }}
        >
          <input type="hidden" name="runId" value={runId} />
          <SubmitButton pendingText="Issuing…">Issue all drafts</SubmitButton>
        </form>
      )}
      {resumePhase && (
        <form action={resume}>
          <input type="hidden" name="runId" value={runId} />
          <SubmitButton variant="secondary" pendingText="Resuming…">
            {resumePhase === "issuing" ? "Resume issuing" : "Resume drafting"}
          </SubmitButton>
        </form>
      )}
      <FormMessage
        ok={issueState?.ok ?? resumeState?.ok}
        message={issueState?.message ?? resumeState?.message}
      />
    </div>
  );
}
