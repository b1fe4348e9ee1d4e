/**
 * A price book as cells: a sell price (tier × SKU × currency) or a tier commitment (tier × currency), keyed
 * by codes so a CSV, the grid editor and the database all speak the same language. Pure.
 */
export type CellKind = "price" | "commitment";

export type CellRef = { kind: CellKind; tier: string; sku: string | null; currency: string };

/** A change to one cell: `from` null = added, `to` null = removed. */
export type CellChange = CellRef & { from: string | null; to: string | null };

/** Cell key → canonical amount. */
export type BookCells = Map<string, string>;

export function cellKey(ref: CellRef): string {
  return `${ref.kind}|${ref.tier}|${ref.sku ?? ""}|${ref.currency}`;
}

export function cellOfKey(key: string): CellRef {
  const [kind, tier = "", sku = "", currency = ""] = key.split("|");
  return { kind: kind === "commitment" ? "commitment" : "price", tier, sku: sku || null, currency };
}

/** Every cell that differs between `current` and `next`, in a stable order (kind, tier, SKU, currency). */
export function diffCells(
  current: BookCells,
  next: BookCells,
  sameAmount: (a: string, b: string) => boolean,
) {
  const changes: CellChange[] = [];
  for (const [key, from] of current) {
    const to = next.get(key) ?? null;
    if (to === null || !sameAmount(from, to)) changes.push({ ...cellOfKey(key), from, to });
  }
  for (const [key, to] of next) {
    if (!current.has(key)) changes.push({ ...cellOfKey(key), from: null, to });
  }
  return changes.sort((a, b) => cellKey(a).localeCompare(cellKey(b)));
}

export type ChangeSummary = { changed: number; added: number; removed: number };

export function summariseChanges(changes: readonly CellChange[]): ChangeSummary {
  const out = { changed: 0, added: 0, removed: 0 };
  for (const c of changes) {
    if (c.from === null) out.added += 1;
    else if (c.to === null) out.removed += 1;
    else out.changed += 1;
  }
  return out;
}

/** How a cell is named to a person: "T3 commitment (USD)", "T3 · ws (EUR)". */
export function describeCell(ref: CellRef): string {
  return ref.kind === "commitment"
    ? `${ref.tier} commitment (${ref.currency})`
    : `${ref.tier} · ${ref.sku} (${ref.currency})`;
}
