"use client";
import { useActionState, useEffect, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td, Th } from "@/components/ui/table";
import type { FormAction } from "@/lib/actions/safe-action";
import { checkAmount, plainAmount, sameAmount } from "@/lib/prices/amounts";
import { type CellChange, type CellRef, cellKey } from "@/lib/prices/cells";

export type GridTier = { code: string; name: string; retired: boolean };
export type GridSku = { code: string; name: string; unit: string; active: boolean };

type Props = {
  versionId: string;
  currency: string;
  tiers: GridTier[];
  skus: GridSku[];
  /** Every cell of the version (cell key → canonical amount). */
  cells: Record<string, string>;
  canEdit: boolean;
  action: FormAction<{ applied: number }>;
};

type Cell = CellRef & { key: string; label: string; original: string | null };

/**
 * One currency of a version: services as rows, tiers as columns, the monthly commitments on top. Finance edits
 * in place, then reviews every change (old → new) before one save: prices change what resellers pay.
 */
export function PriceGrid({ versionId, currency, tiers, skus, cells, canEdit, action }: Props) {
  const [editing, setEditing] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [state, save] = useActionState(action, undefined);

  useEffect(() => {
    if (state?.ok) {
      setEditing(false);
      setReviewing(false);
      setDrafts({});
    }
  }, [state]);

  const commitmentCells = useMemo(
    () =>
      tiers.map((t) =>
        cellOf(
          { kind: "commitment", tier: t.code, sku: null, currency },
          `${t.name} commitment (${currency})`,
          cells,
        ),
      ),
    [tiers, currency, cells],
  );
  const priceRows = useMemo(
    () =>
      skus.map((k) => ({
        sku: k,
        cells: tiers.map((t) =>
          cellOf(
            { kind: "price", tier: t.code, sku: k.code, currency },
            `${t.name} ${k.name} price (${currency})`,
            cells,
          ),
        ),
      })),
    [skus, tiers, currency, cells],
  );
  const all = useMemo(
    () => [...commitmentCells, ...priceRows.flatMap((r) => r.cells)],
    [commitmentCells, priceRows],
  );

  const review = useMemo(() => reviewDrafts(all, drafts), [all, drafts]);
  const usd = (tier: string) => cells[cellKey({ kind: "commitment", tier, sku: null, currency: "USD" })];

  const input = (cell: Cell) => {
    const error = review.errors.get(cell.key);
    return (
      <div className="flex flex-col items-end gap-1">
        <input
          aria-label={cell.label}
          inputMode="decimal"
          value={drafts[cell.key] ?? (cell.original === null ? "" : plainAmount(cell.original))}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setDrafts((d) => ({ ...d, [cell.key]: value }));
          }}
          placeholder={cell.kind === "commitment" && currency !== "USD" ? "USD × FX" : ""}
          aria-invalid={error ? true : undefined}
          title={error}
          className={`w-28 rounded-md border px-2 py-1 text-right text-sm tabular-nums shadow-sm focus:outline-none focus:ring-2 ${
            error
              ? "border-red-500 focus:ring-red-200"
              : "border-slate-300 focus:border-brand focus:ring-blue-100"
          }`}
        />
      </div>
    );
  };

  const shown = (cell: Cell) => {
    if (cell.original !== null) return plainAmount(cell.original);
    if (cell.kind === "commitment") {
      const base = usd(cell.tier);
      return (
        <span
          className="text-slate-400"
          title="No amount in this currency: the USD commitment converted at the invoice's FX rate"
        >
          {base ? `USD ${plainAmount(base)} × FX` : "—"}
        </span>
      );
    }
    return (
      <span
        className="text-slate-400"
        title="No price: contracts of this tier in this currency cannot be billed for it"
      >
        —
      </span>
    );
  };

  return (
    <div className="flex flex-col gap-4">
      {canEdit && !editing && (
        <div className="flex flex-wrap items-center gap-3 px-5 pt-4">
          <button type="button" className={buttonClass("secondary")} onClick={() => setEditing(true)}>
            Edit {currency} prices
          </button>
          {state?.ok && <FormMessage ok message={state.message} />}
        </div>
      )}
      {editing && (
        <p className="px-5 pt-4 text-sm text-slate-600">
          Change any cell, then review: nothing is saved until you confirm. Save or cancel before switching
          currency.
          {currency !== "USD" && " An empty commitment falls back to the USD commitment × FX."}
        </p>
      )}
      <Table caption={`Prices in ${currency}`}>
        <thead>
          <tr>
            <Th>Service</Th>
            {tiers.map((t) => (
              <Th key={t.code} numeric>
                {t.name}
                {t.retired && <span className="ml-1 font-normal normal-case">(retired)</span>}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          <tr className="bg-slate-50/60">
            <Td className="font-medium text-slate-900">
              Monthly commitment
              <span className="block text-xs font-normal text-slate-500">{currency} per month</span>
            </Td>
            {commitmentCells.map((cell) => (
              <Td key={cell.key} numeric>
                {editing ? input(cell) : shown(cell)}
              </Td>
            ))}
          </tr>
          {priceRows.map(({ sku, cells: row }) => (
            <tr key={sku.code}>
              <Td>
                <span className="font-medium text-slate-900">{sku.name}</span>{" "}
                {!sku.active && <Badge>disabled</Badge>}
                <span className="block text-xs text-slate-500">
                  {sku.code} · per {sku.unit}
                </span>
              </Td>
              {row.map((cell) => (
                <Td key={cell.key} numeric>
                  {editing ? input(cell) : shown(cell)}
                </Td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
      {editing && !reviewing && (
        <div className="flex flex-col gap-3 px-5 pb-4">
          {review.errors.size > 0 && (
            <div
              role="alert"
              className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200"
            >
              <p className="font-medium">Fix {review.errors.size} cell(s) before reviewing:</p>
              <ul className="mt-1 list-disc pl-5">
                {[...review.errors.entries()].slice(0, 10).map(([key, message]) => (
                  <li key={key}>
                    {all.find((c) => c.key === key)?.label}: {message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={buttonClass("primary")}
              disabled={review.errors.size > 0 || review.changes.length === 0}
              onClick={() => setReviewing(true)}
            >
              Review {review.changes.length} change{review.changes.length === 1 ? "" : "s"}
            </button>
            <button
              type="button"
              className={buttonClass("ghost")}
              onClick={() => {
                setEditing(false);
                setDrafts({});
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {editing && reviewing && (
        <form action={save} className="flex flex-col gap-3 px-5 pb-4">
          <input type="hidden" name="versionId" value={versionId} />
          <input type="hidden" name="changes" value={JSON.stringify(review.changes)} />
          <h3 className="text-sm font-semibold text-slate-900">Confirm {review.changes.length} change(s)</h3>
          <p className="text-sm text-slate-600">
            Invoices priced by this version will use the new amounts. Nothing has been saved yet.
          </p>
          <ChangeList changes={review.changes} labels={all} caption="Changes to save" />
          <FormMessage ok={state?.ok} message={state && !state.ok ? state.message : undefined} />
          <div className="flex flex-wrap gap-2">
            <SubmitButton pendingText="Saving…">Confirm and save</SubmitButton>
            <button type="button" className={buttonClass("ghost")} onClick={() => setReviewing(false)}>
              Back to editing
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

function cellOf(ref: CellRef, label: string, cells: Record<string, string>): Cell {
  const key = cellKey(ref);
  return { ...ref, key, label, original: cells[key] ?? null };
}

/** The changes the drafts make, and why a draft is refused (same rules as the server). */
function reviewDrafts(all: readonly Cell[], drafts: Record<string, string>) {
  const changes: CellChange[] = [];
  const errors = new Map<string, string>();
  for (const cell of all) {
    const draft = drafts[cell.key];
    if (draft === undefined) continue;
    const ref: CellRef = { kind: cell.kind, tier: cell.tier, sku: cell.sku, currency: cell.currency };
    if (draft.trim() === "") {
      if (cell.original === null) continue;
      if (cell.kind === "commitment" && cell.currency !== "USD") {
        changes.push({ ...ref, from: cell.original, to: null });
      } else {
        errors.set(
          cell.key,
          cell.kind === "commitment" ? "every tier needs a USD commitment" : "enter a price (0 for free)",
        );
      }
      continue;
    }
    const amount = checkAmount(draft);
    if (!amount.ok) {
      errors.set(cell.key, amount.message);
      continue;
    }
    if (cell.original !== null && sameAmount(cell.original, amount.value)) continue;
    changes.push({ ...ref, from: cell.original, to: amount.value });
  }
  return { changes, errors };
}

/** Old → new per cell, as the person confirms it. */
export function ChangeList({
  changes,
  labels,
  limit = 200,
  caption = "Changes",
}: {
  caption?: string;
  changes: readonly CellChange[];
  labels?: readonly { key: string; label: string }[];
  limit?: number;
}) {
  const labelOf = (c: CellChange) =>
    labels?.find((l) => l.key === cellKey(c))?.label ??
    (c.kind === "commitment"
      ? `${c.tier} commitment (${c.currency})`
      : `${c.tier} · ${c.sku} (${c.currency})`);
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Cell</Th>
          <Th numeric>Now</Th>
          <Th numeric>New</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {changes.slice(0, limit).map((c) => (
          <tr key={cellKey(c)}>
            <Td>{labelOf(c)}</Td>
            <Td numeric>{c.from === null ? <Badge tone="green">added</Badge> : plainAmount(c.from)}</Td>
            <Td numeric>
              {c.to === null ? (
                <Badge tone={c.kind === "commitment" ? "amber" : "red"}>
                  {c.kind === "commitment" && c.currency !== "USD" ? "removed (USD × FX)" : "removed"}
                </Badge>
              ) : (
                <span className="font-medium text-slate-900">{plainAmount(c.to)}</span>
              )}
            </Td>
          </tr>
        ))}
        {changes.length > limit && (
          <tr>
            <Td colSpan={3} className="text-slate-500">
              … and {changes.length - limit} more
            </Td>
          </tr>
        )}
      </tbody>
    </Table>
  );
}
