import "server-only";
import { and, asc, count, eq, gte, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  contracts,
  prices,
  priceVersions,
  type Sku,
  skus,
  tierCommitments,
  tiers,
  upgradePaths,
} from "@/db/schema";
import { dec } from "@/lib/billing";
import { PRICE_LIST_ORDER } from "@/lib/catalogue/currencies";
import { commitmentsOfVersion, type PriceVersionRef, versionInForce } from "@/lib/catalogue/price-versions";
import { PROMO_CODE } from "@/lib/contracts/tier-targets";
import { tierInUse } from "./tiers";

export type CatalogueTier = {
  id: string;
  code: string;
  name: string;
  description: string;
  tierLevelValue: number;
  trialAllowed: boolean;
  orderable: boolean;
  retiredAt: Date | null;
  sortOrder: number;
  isPromo: boolean;
  /** Explicit commitments of the version in force: currency → amount (USD is every tier's fallback). */
  commitments: Record<string, string>;
  /** Priced in the version in force: a USD commitment and unit prices (else it cannot be ordered). */
  pricedInForce: boolean;
  /** Contracts not cancelled on this tier: they keep being billed whatever the catalogue says. */
  liveContracts: number;
};

export type PathCell = {
  fromId: string;
  toId: string;
  allowed: boolean;
  move: "upgrade" | "downgrade" | "same";
};

export type CatalogueView = {
  today: string;
  version: PriceVersionRef;
  /** The currencies the version in force lists, price-list order, USD first. */
  currencies: string[];
  tiers: CatalogueTier[];
  /** Current paths as `from>to` ids. */
  paths: string[];
  skus: Sku[];
};

const byPriceList = (a: string, b: string) => {
  const rank = (c: string) => {
    const i = (PRICE_LIST_ORDER as readonly string[]).indexOf(c);
    return i < 0 ? PRICE_LIST_ORDER.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
};

export const pathKey = (fromId: string, toId: string) => `${fromId}>${toId}`;

/** Everything /admin/catalogue shows, read from the price version in force for `today`'s month (§2.2). */
export async function loadCatalogueView(db: DbOrTx, today: string): Promise<CatalogueView> {
  const version = await versionInForce(db, today);
  const [tierRows, commitments, liveRows, pricedRows, currencyRows, pathRows, skuRows] = await Promise.all([
    db.select().from(tiers).orderBy(asc(tiers.sortOrder), asc(tiers.code)),
    commitmentsOfVersion(db, version.id),
    db
      .select({ tierId: contracts.tierId, n: count() })
      .from(contracts)
      .where(ne(contracts.state, "cancelled"))
      .groupBy(contracts.tierId),
    db.selectDistinct({ tierId: prices.tierId }).from(prices).where(eq(prices.versionId, version.id)),
    db
      .selectDistinct({ currency: prices.currency })
      .from(prices)
      .where(eq(prices.versionId, version.id))
      .union(
        db
          .selectDistinct({ currency: tierCommitments.currency })
          .from(tierCommitments)
          .where(eq(tierCommitments.versionId, version.id)),
      ),
    db.select().from(upgradePaths),
    db.select().from(skus).orderBy(asc(skus.sortOrder), asc(skus.code)),
  ]);
  const live = new Map(liveRows.map((r) => [r.tierId, Number(r.n)]));
  const priced = new Set(pricedRows.map((r) => r.tierId));
  const currencies = [...new Set(["USD", ...currencyRows.map((r) => r.currency)])].sort(byPriceList);
  return {
    today,
    version,
    currencies,
    tiers: tierRows.map((t) => {
      const own = commitments.get(t.id) ?? {};
      return {
        id: t.id,
        code: t.code,
        name: t.name,
        description: t.description,
        tierLevelValue: t.acronisTierLevelValue,
        trialAllowed: t.trialAllowed,
        orderable: t.orderable,
        retiredAt: t.retiredAt,
        sortOrder: t.sortOrder,
        isPromo: t.code === PROMO_CODE,
        commitments: own,
        pricedInForce: own.USD !== undefined && priced.has(t.id),
        liveContracts: live.get(t.id) ?? 0,
      };
    }),
    paths: pathRows.map((p) => pathKey(p.fromTierId, p.toTierId)),
    skus: skuRows,
  };
}

/**
 * Whether moving `from` → `to` is an upgrade (higher USD commitment in the version in force), a downgrade,
 * or neither (same commitment, or a tier not priced now): lib/contracts/tier-targets.ts decides the same way.
 */
export function moveKind(from: CatalogueTier, to: CatalogueTier): PathCell["move"] {
  const a = from.commitments.USD;
  const b = to.commitments.USD;
  if (a === undefined || b === undefined) return "same";
  const diff = dec(b).comparedTo(dec(a));
  return diff > 0 ? "upgrade" : diff < 0 ? "downgrade" : "same";
}

/** Price versions a new tier can be priced in: in force now or scheduled, and not locked by issued invoices. */
export async function openVersionsFrom(db: DbOrTx, today: string) {
  const current = await versionInForce(db, today);
  const rows = await db
    .select({ id: priceVersions.id, effectiveFrom: priceVersions.effectiveFrom })
    .from(priceVersions)
    .where(
      and(
        gte(priceVersions.effectiveFrom, current.effectiveFrom),
        sql`price_version_issued_period(${priceVersions.effectiveFrom}) is null`,
      ),
    )
    .orderBy(asc(priceVersions.effectiveFrom));
  return { current, open: rows, currentOpen: rows.some((r) => r.id === current.id) };
}

/** One tier as its edit page shows it, or null; `codeLocked` when anything names it by its code. */
export async function loadTierForEdit(db: DbOrTx, id: string, today: string) {
  const view = await loadCatalogueView(db, today);
  const tier = view.tiers.find((t) => t.id === id);
  if (!tier) return null;
  const [row] = await db.select().from(tiers).where(eq(tiers.id, id));
  const codeLocked = tier.isPromo || (row !== undefined && (await tierInUse(db, row)));
  return { tier, codeLocked, versionFrom: view.version.effectiveFrom };
}

export async function loadSku(db: DbOrTx, id: string): Promise<Sku | null> {
  const [row] = await db.select().from(skus).where(eq(skus.id, id));
  return row ?? null;
}
