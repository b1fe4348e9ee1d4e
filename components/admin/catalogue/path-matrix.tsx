"use client";
import { useActionState, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Th } from "@/components/ui/table";
import type { FormAction } from "@/lib/actions/safe-action";

export type MatrixTier = {
  id: string;
  code: string;
  name: string;
  isPromo: boolean;
  retired: boolean;
};

export type MatrixMove = "upgrade" | "downgrade" | "same";

const key = (from: string, to: string) => `${from}>${to}`;
const moveText: Record<MatrixMove, string> = {
  upgrade: "upgrade",
  downgrade: "downgrade",
  same: "same commitment",
};

/**
 * The upgrade paths as a matrix (rows: from, columns: to). A change is reviewed (paths added and removed)
 * before the whole matrix is saved in one transaction.
 */
export function PathMatrix({
  tiers,
  paths,
  moves,
  canEdit,
  action,
}: {
  tiers: MatrixTier[];
  paths: string[];
  /** `from>to` → whether moving is an upgrade or a downgrade in the version in force. */
  moves: Record<string, MatrixMove>;
  canEdit: boolean;
  action: FormAction<unknown>;
}) {
  const [state, formAction] = useActionState(action, undefined);
  const pathsKey = paths.join(",");
  const [shown, setShown] = useState(pathsKey);
  const [selected, setSelected] = useState(() => new Set(paths));
  const [reviewing, setReviewing] = useState(false);
  // The saved matrix came back from the server: start again from it.
  if (shown !== pathsKey) {
    setShown(pathsKey);
    setSelected(new Set(paths));
    setReviewing(false);
  }
  const byId = new Map(tiers.map((t) => [t.id, t]));
  const label = (k: string) => {
    const [from = "", to = ""] = k.split(">");
    return `${byId.get(from)?.name ?? "?"} → ${byId.get(to)?.name ?? "?"}`;
  };
  const current = new Set(paths);
  const added = [...selected].filter((k) => !current.has(k));
  const removed = paths.filter((k) => !selected.has(k));
  const toggle = (k: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <input type="hidden" name="paths" value={[...selected].join(",")} />
      <input type="hidden" name="expected" value={pathsKey} />
      <FormMessage ok={state?.ok} message={state?.message} />
      <p id="promo-note" className="px-5 text-sm text-slate-500">
        A ticked box lets a contract on the row's tier move to the column's tier: to a higher USD commitment
        it is an upgrade (at once), to a lower one a downgrade (from the 1st of next month). A path into Promo
        is never allowed: nothing downgrades to Promo, and it is the lowest paid plan.
      </p>
      <Table caption="Upgrade paths: rows are the tier a contract is on, columns the tier it may move to">
        <thead>
          <tr>
            <Th>From \ to</Th>
            {tiers.map((t) => (
              <th
                key={t.id}
                scope="col"
                title={t.name}
                className="whitespace-nowrap bg-slate-50 px-3 py-2.5 text-center text-xs font-semibold text-slate-500"
              >
                {t.code}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tiers.map((from) => (
            <tr key={from.id}>
              <th scope="row" className="whitespace-nowrap px-4 py-2.5 text-left font-medium text-slate-800">
                {from.name}
                {from.retired && <span className="ml-1 font-normal text-slate-500">(retired)</span>}
              </th>
              {tiers.map((to) => {
                const k = key(from.id, to.id);
                if (from.id === to.id) {
                  return (
                    <td key={to.id} className="px-3 py-2.5 text-center text-slate-300">
                      <span aria-hidden>—</span>
                      <span className="sr-only">{from.name} to itself: not a path</span>
                    </td>
                  );
                }
                const move = moves[k] ?? "same";
                const intoPromo = to.isPromo;
                return (
                  <td key={to.id} className="px-3 py-2.5 text-center">
                    <label className="inline-flex flex-col items-center gap-0.5">
                      <input
                        type="checkbox"
                        checked={!intoPromo && selected.has(k)}
                        disabled={!canEdit || intoPromo}
                        onChange={() => toggle(k)}
                        aria-describedby={intoPromo ? "promo-note" : undefined}
                        className="h-4 w-4 rounded border-slate-300 accent-[var(--brand)] disabled:opacity-40"
                      />
                      <span className="sr-only">
                        {`${from.name} to ${to.name}${intoPromo ? ": never allowed" : ", "}`}
                      </span>
                      <span
                        aria-hidden={intoPromo || undefined}
                        className={
                          move === "upgrade"
                            ? "text-[11px] text-emerald-700"
                            : move === "downgrade"
                              ? "text-[11px] text-amber-700"
                              : "text-[11px] text-slate-400"
                        }
                      >
                        {intoPromo ? "never" : moveText[move]}
                      </span>
                    </label>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </Table>
      {canEdit && (
        <div className="flex flex-col gap-3 px-5 pb-4">
          {!reviewing ? (
            <div>
              <button
                type="button"
                className={buttonClass("primary")}
                disabled={added.length === 0 && removed.length === 0}
                onClick={() => setReviewing(true)}
              >
                Review changes
              </button>
              {added.length === 0 && removed.length === 0 && (
                <span className="ml-3 text-sm text-slate-500">Tick or untick a box to change a path.</span>
              )}
            </div>
          ) : (
            <section
              aria-labelledby="paths-review"
              className="rounded-md bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200"
            >
              <h3 id="paths-review" className="font-semibold">
                Save these upgrade-path changes?
              </h3>
              {added.length > 0 && (
                <>
                  <p className="mt-2 font-medium">Paths added</p>
                  <ul className="list-disc pl-5">
                    {added.map((k) => (
                      <li key={k}>{label(k)}</li>
                    ))}
                  </ul>
                </>
              )}
              {removed.length > 0 && (
                <>
                  <p className="mt-2 font-medium">Paths removed</p>
                  <ul className="list-disc pl-5">
                    {removed.map((k) => (
                      <li key={k}>{label(k)}</li>
                    ))}
                  </ul>
                </>
              )}
              <p className="mt-2">
                Resellers are offered the new paths at once; a downgrade already scheduled stays scheduled.
              </p>
              <div className="mt-3 flex flex-wrap gap-3">
                <SubmitButton pendingText="Saving…">Save paths</SubmitButton>
                <button
                  type="button"
                  className={buttonClass("secondary")}
                  onClick={() => setReviewing(false)}
                >
                  Back
                </button>
              </div>
            </section>
          )}
        </div>
      )}
    </form>
  );
}
