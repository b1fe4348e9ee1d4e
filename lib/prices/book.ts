import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { prices, skus, tierCommitments, tiers } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
import { BOOK_CURRENCIES, canonicalAmount, checkAmount, isBookCurrency, sameAmount } from "./amounts";
import { type BookCells, type CellChange, cellKey, describeCell, diffCells } from "./cells";
import { withPriceGuards } from "./refusals";
import { getVersion } from "./versions";

/** The catalogue a price book is laid over: every tier (columns) and SKU (rows), in display order. */
export type BookCatalogue = {
  tiers: { id: string; code: string; name: string; retired: boolean }[];
  skus: { id: string; code: string; name: string; unit: string; active: boolean }[];
};

export async function loadBookCatalogue(db: DbOrTx): Promise<BookCatalogue> {
  const [tierRows, skuRows] = await Promise.all([
    db.select().from(tiers).orderBy(asc(tiers.sortOrder), asc(tiers.code)),
    db.select().from(skus).orderBy(asc(skus.sortOrder), asc(skus.code)),
  ]);
  return {
    tiers: tierRows.map((t) => ({ id: t.id, code: t.code, name: t.name, retired: t.retiredAt !== null })),
    skus: skuRows.map((k) => ({ id: k.id, code: k.code, name: k.name, unit: k.unit, active: k.active })),
  };
}

/** Every price and commitment of a version as cells (codes → canonical amounts). */
export async function readBookCells(db: DbOrTx, versionId: string): Promise<BookCells> {
  const [priceRows, commitmentRows] = await Promise.all([
    db
      .select({ tier: tiers.code, sku: skus.code, currency: prices.currency, amount: prices.unitPrice })
      .from(prices)
      .innerJoin(tiers, eq(tiers.id, prices.tierId))
      .innerJoin(skus, eq(skus.id, prices.skuId))
      .where(eq(prices.versionId, versionId)),
    db
      .select({ tier: tiers.code, currency: tierCommitments.currency, amount: tierCommitments.amount })
      .from(tierCommitments)
      .innerJoin(tiers, eq(tiers.id, tierCommitments.tierId))
      .where(eq(tierCommitments.versionId, versionId)),
  ]);
  const cells: BookCells = new Map();
  for (const r of priceRows) {
    cells.set(
      cellKey({ kind: "price", tier: r.tier, sku: r.sku, currency: r.currency }),
      canonicalAmount(r.amount),
    );
  }
  for (const r of commitmentRows) {
    const ref = { kind: "commitment" as const, tier: r.tier, sku: null, currency: r.currency };
    cells.set(cellKey(ref), canonicalAmount(r.amount));
  }
  return cells;
}

/** What the version page shows: the version, its catalogue and every cell (for every currency tab). */
export async function readVersionBook(db: DbOrTx, versionId: string, today: string) {
  const version = await getVersion(db, versionId, today);
  const [catalogue, cells] = await Promise.all([loadBookCatalogue(db), readBookCells(db, versionId)]);
  return { version, catalogue, cells: Object.fromEntries(cells) as Record<string, string> };
}

export type VersionBook = Awaited<ReturnType<typeof readVersionBook>>;

/** Refuses a change set that breaks a price-book rule; the database refuses the rest (locks). */
export function checkChanges(changes: readonly CellChange[], catalogue: BookCatalogue): void {
  const tierCodes = new Set(catalogue.tiers.map((t) => t.code));
  const skuCodes = new Set(catalogue.skus.map((k) => k.code));
  const seen = new Set<string>();
  for (const c of changes) {
    const name = describeCell(c);
    if (!tierCodes.has(c.tier)) throw new AppError("validation", `${name}: no tier ${c.tier}.`);
    if (c.kind === "price" && (!c.sku || !skuCodes.has(c.sku))) {
      throw new AppError("validation", `${name}: no service ${c.sku ?? ""}.`);
    }
    if (c.kind === "commitment" && c.sku)
      throw new AppError("validation", `${name}: a commitment has no service.`);
    if (!isBookCurrency(c.currency)) {
      throw new AppError("validation", `${name}: not a price-list currency (${BOOK_CURRENCIES.join(", ")}).`);
    }
    if (c.from !== null && !checkAmount(c.from).ok) {
      throw new AppError(
        "validation",
        `${name}: the reviewed amount could not be read; reload and review again.`,
      );
    }
    if (c.to !== null) {
      const amount = checkAmount(c.to);
      if (!amount.ok) throw new AppError("validation", `${name}: ${amount.message}.`);
    }
    if (c.to === null && c.kind === "commitment" && c.currency === "USD") {
      throw new AppError(
        "validation",
        `${name}: every tier needs a USD commitment (other currencies fall back to it).`,
      );
    }
    if (seen.has(cellKey(c))) throw new AppError("validation", `${name} is changed twice.`);
    seen.add(cellKey(c));
  }
}

/**
 * Applies `changes` to a version in one transaction, audited, after checking every cell still holds the
 * `from` value the person reviewed (otherwise nothing is applied: someone changed it meanwhile). A locked
 * version is refused with the period it priced.
 */
export async function applyBookChanges(
  db: Db,
  input: { versionId: string; changes: readonly CellChange[]; today: string; source: "grid" | "csv" },
  actor: Actor,
): Promise<{ applied: number }> {
  if (input.changes.length === 0) return { applied: 0 };
  return withPriceGuards(() =>
    db.transaction(async (tx) => {
      const version = await getVersion(tx, input.versionId, input.today);
      if (version.lockedPeriod) {
        throw new AppError(
          "conflict",
          `This version priced issued invoices for ${version.lockedPeriod}; make a new version.`,
        );
      }
      // Serialises edits of one version: the second waits, then sees the first's values.
      await tx.execute(sql`select id from price_versions where id = ${input.versionId} for update`);
      const catalogue = await loadBookCatalogue(tx);
      checkChanges(input.changes, catalogue);
      const current = await readBookCells(tx, input.versionId);
      for (const c of input.changes) {
        if (!sameAmount(current.get(cellKey(c)) ?? null, c.from === null ? null : canonicalAmount(c.from))) {
          throw new AppError(
            "conflict",
            `${describeCell(c)} changed since you reviewed it. Nothing was saved; reload and review again.`,
          );
        }
      }
      await writeCells(tx, input.versionId, input.changes, catalogue);
      await writeAudit(tx, actor, {
        action: "price_version.prices_changed",
        entityType: "price_version",
        entityId: input.versionId,
        data: {
          effectiveFrom: version.effectiveFrom,
          source: input.source,
          changes: input.changes.map((c) => ({ ...c, before: c.from, after: c.to })),
        },
      });
      return { applied: input.changes.length };
    }),
  );
}

async function writeCells(
  tx: DbOrTx,
  versionId: string,
  changes: readonly CellChange[],
  catalogue: BookCatalogue,
): Promise<void> {
  const tierId = new Map(catalogue.tiers.map((t) => [t.code, t.id]));
  const skuId = new Map(catalogue.skus.map((k) => [k.code, k.id]));
  const priceSets = changes.filter((c) => c.kind === "price" && c.to !== null);
  const commitmentSets = changes.filter((c) => c.kind === "commitment" && c.to !== null);
  if (priceSets.length > 0) {
    await tx
      .insert(prices)
      .values(
        priceSets.map((c) => ({
          versionId,
          skuId: skuId.get(c.sku ?? "")!,
          tierId: tierId.get(c.tier)!,
          currency: c.currency,
          unitPrice: c.to!,
        })),
      )
      .onConflictDoUpdate({
        target: [prices.versionId, prices.skuId, prices.tierId, prices.currency],
        set: { unitPrice: sql`excluded.unit_price`, updatedAt: new Date() },
      });
  }
  if (commitmentSets.length > 0) {
    await tx
      .insert(tierCommitments)
      .values(
        commitmentSets.map((c) => ({
          versionId,
          tierId: tierId.get(c.tier)!,
          currency: c.currency,
          amount: c.to!,
        })),
      )
      .onConflictDoUpdate({
        target: [tierCommitments.versionId, tierCommitments.tierId, tierCommitments.currency],
        set: { amount: sql`excluded.amount` },
      });
  }
  for (const c of changes.filter((x) => x.to === null)) {
    const tier = tierId.get(c.tier)!;
    if (c.kind === "commitment") {
      await tx
        .delete(tierCommitments)
        .where(
          and(
            eq(tierCommitments.versionId, versionId),
            eq(tierCommitments.tierId, tier),
            eq(tierCommitments.currency, c.currency),
          ),
        );
    } else {
      await tx
        .delete(prices)
        .where(
          and(
            eq(prices.versionId, versionId),
            eq(prices.tierId, tier),
            inArray(prices.skuId, [skuId.get(c.sku ?? "")!]),
            eq(prices.currency, c.currency),
          ),
        );
    }
  }
}

/** The changes that turn a version's cells into `next` (the CSV import's preview). */
export function changesTo(current: BookCells, next: BookCells): CellChange[] {
  return diffCells(current, next, (a, b) => sameAmount(a, b));
}
