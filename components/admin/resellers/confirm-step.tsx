"use client";
import { buttonClass } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * The confirm step of a change to what a reseller pays: the server's description of the next invoice, the
 * values it was computed from (sent again, so what is confirmed is what was shown), confirm or go back.
 */
export function ConfirmStep({
  id,
  title,
  lines,
  values,
  onBack,
}: {
  id: string;
  title: string;
  lines: string[];
  values: Record<string, string>;
  onBack: () => void;
}) {
  return (
    <section
      aria-labelledby={id}
      className="rounded-md bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200"
    >
      {Object.entries(values)
        .filter(([k]) => k !== "confirm")
        .map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
      <input type="hidden" name="confirm" value="yes" />
      <h3 id={id} className="font-semibold">
        {title}
      </h3>
      <p className="mt-1 font-medium">{lines[0]}</p>
      {lines.length > 1 && (
        <ul className="mt-2 list-disc space-y-1 pl-5 break-words">
          {lines.slice(1).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <p className="mt-2">Issued invoices never change.</p>
      <div className="mt-3 flex flex-wrap gap-3">
        <SubmitButton pendingText="Saving…">Confirm and save</SubmitButton>
        <button type="button" className={buttonClass("secondary")} onClick={onBack}>
          Back
        </button>
      </div>
    </section>
  );
}
