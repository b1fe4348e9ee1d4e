import "server-only";
import { asc, desc, eq, lt, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { invoices, prices, priceVersions, tierCommitments } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { versionInForce } from "@/lib/catalogue/price-versions";
import { AppError } from "@/lib/errors/app-error";
import { shiftPeriod } from "@/lib/invoices/periods";
import { withPriceGuards } from "./refusals";

/**
 * Price versions (domain.md §2.2): the price book in force from the 1st of a month until the next version.
 * A version that priced issued invoices is locked (the triggers of migration 0008 refuse any change to it);
 * a correction is a new version, which may only start after the last issued period.
 */

export type VersionState = "past" | "in force" | "scheduled";

export type VersionSummary = {
  id: string;
  effectiveFrom: string;
  /** The month it starts, `YYYY-MM`. */
  month: string;
  note: string;
  state: VersionState;
  /** The latest issued period it priced: it never changes again. Null while it may still change. */
  lockedPeriod: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Every version, newest first, with its state on `today` and its lock. */
export async function listVersions(db: DbOrTx, today: string): Promise<VersionSummary[]> {
  const rows = await db
    .select({
      id: priceVersions.id,
      effectiveFrom: priceVersions.effectiveFrom,
      note: priceVersions.note,
      createdAt: priceVersions.createdAt,
      updatedAt: priceVersions.updatedAt,
      lockedPeriod: sql<string | null>`price_version_issued_period(${priceVersions.effectiveFrom})`,
    })
    .from(priceVersions)
    .orderBy(desc(priceVersions.effectiveFrom));
  const monthStart = `${today.slice(0, 7)}-01`;
  const inForce = rows.find((r) => r.effectiveFrom <= monthStart)?.id;
  return rows.map((r) => ({
    ...r,
    lockedPeriod: r.lockedPeriod ? r.lockedPeriod.trim() : null,
    month: r.effectiveFrom.slice(0, 7),
    state: r.id === inForce ? "in force" : r.effectiveFrom > monthStart ? "scheduled" : "past",
  }));
}

export async function getVersion(db: DbOrTx, versionId: string, today: string): Promise<VersionSummary> {
  const version = (await listVersions(db, today)).find((v) => v.id === versionId);
  if (!version) throw new AppError("not_found", "This price version does not exist (any more).");
  return version;
}

/** The latest period with an issued (non-draft) invoice, or null. */
export async function lastIssuedPeriod(db: DbOrTx): Promise<string | null> {
  const [row] = await db
    .select({ period: sql<string | null>`max(${invoices.period})` })
    .from(invoices)
    .where(ne(invoices.status, "draft"));
  return row?.period ? row.period.trim() : null;
}

/**
 * The months a new version may start on `today`: after the last issued period (none may be re-priced), from
 * a year back at most, to a year ahead; months that already have a version are left out.
 */
export async function openMonths(db: DbOrTx, today: string): Promise<string[]> {
  const current = today.slice(0, 7);
  const issued = await lastIssuedPeriod(db);
  let from = issued ? shiftPeriod(issued, 1) : current;
  if (from < shiftPeriod(current, -12)) from = shiftPeriod(current, -12);
  const taken = new Set(
    (await db.select({ from: priceVersions.effectiveFrom }).from(priceVersions)).map((r) =>
      r.from.slice(0, 7),
    ),
  );
  const out: string[] = [];
  for (let m = from; m <= shiftPeriod(current, 12); m = shiftPeriod(m, 1)) if (!taken.has(m)) out.push(m);
  return out;
}

/**
 * A new version from the 1st of `month`, a copy of every price and commitment of the version in force before
 * it (one transaction, audited). Refused on or before an issued period and where a version already starts.
 */
export async function createVersion(
  db: Db,
  input: { month: string; note: string },
  actor: Actor,
): Promise<{ id: string; effectiveFrom: string; prices: number; commitments: number }> {
  const effectiveFrom = `${input.month}-01`;
  const issued = await lastIssuedPeriod(db);
  if (issued && input.month <= issued) {
    throw new AppError(
      "conflict",
      `Invoices for ${issued} are issued: a new version must start after ${issued}.`,
      { month: [`Choose a month after ${issued}.`] },
    );
  }
  return withPriceGuards(() =>
    db.transaction(async (tx) => {
      const [taken] = await tx
        .select({ id: priceVersions.id })
        .from(priceVersions)
        .where(eq(priceVersions.effectiveFrom, effectiveFrom));
      if (taken) {
        throw new AppError("conflict", `A version already starts on ${effectiveFrom}; open it instead.`, {
          month: ["A version already starts this month."],
        });
      }
      const source = await sourceVersion(tx, effectiveFrom);
      const [created] = await tx
        .insert(priceVersions)
        .values({ effectiveFrom, note: input.note, createdBy: actor.userId })
        .returning({ id: priceVersions.id });
      if (!created) throw new AppError("internal", "The version was not created.");
      const copiedPrices = await tx.execute(sql`
        insert into prices (version_id, sku_id, tier_id, currency, unit_price)
        select ${created.id}, sku_id, tier_id, currency, unit_price from prices where version_id = ${source.id}`);
      const copiedCommitments = await tx.execute(sql`
        insert into tier_commitments (version_id, tier_id, currency, amount)
        select ${created.id}, tier_id, currency, amount from tier_commitments where version_id = ${source.id}`);
      const counts = { prices: copiedPrices.count ?? 0, commitments: copiedCommitments.count ?? 0 };
      await writeAudit(tx, actor, {
        action: "price_version.created",
        entityType: "price_version",
        entityId: created.id,
        data: { after: { effectiveFrom, note: input.note }, copiedFrom: source.effectiveFrom, ...counts },
      });
      return { id: created.id, effectiveFrom, ...counts };
    }),
  );
}

/** The version a new one copies: the one in force before it, else (a start before every version) the first. */
async function sourceVersion(db: DbOrTx, effectiveFrom: string) {
  const [before] = await db
    .select({ id: priceVersions.id, effectiveFrom: priceVersions.effectiveFrom })
    .from(priceVersions)
    .where(lt(priceVersions.effectiveFrom, effectiveFrom))
    .orderBy(desc(priceVersions.effectiveFrom))
    .limit(1);
  if (before) return before;
  const [first] = await db
    .select({ id: priceVersions.id, effectiveFrom: priceVersions.effectiveFrom })
    .from(priceVersions)
    .orderBy(asc(priceVersions.effectiveFrom))
    .limit(1);
  if (!first) return versionInForce(db, effectiveFrom);
  return first;
}

/** A version's note (what changed and why); a locked version's note may still be reworded. */
export async function updateVersionNote(
  db: Db,
  input: { versionId: string; note: string },
  actor: Actor,
): Promise<void> {
  await withPriceGuards(() =>
    db.transaction(async (tx) => {
      const [before] = await tx
        .select({ note: priceVersions.note })
        .from(priceVersions)
        .where(eq(priceVersions.id, input.versionId))
        .for("update");
      if (!before) throw new AppError("not_found", "This price version does not exist (any more).");
      if (before.note === input.note) return;
      await tx
        .update(priceVersions)
        .set({ note: input.note, updatedAt: new Date() })
        .where(eq(priceVersions.id, input.versionId));
      await writeAudit(tx, actor, {
        action: "price_version.note_changed",
        entityType: "price_version",
        entityId: input.versionId,
        data: { before: { note: before.note }, after: { note: input.note } },
      });
    }),
  );
}

/** Why a version cannot be deleted, or null when it can. */
export function deletionRefusal(version: VersionSummary, all: readonly VersionSummary[]): string | null {
  if (version.lockedPeriod) {
    return `This version priced issued invoices for ${version.lockedPeriod}; it can never be deleted.`;
  }
  if (all.length <= 1) return "This is the only version: the price book needs one.";
  const first = all.at(-1);
  if (first?.id === version.id) return "The first version prices every month before the next one; it stays.";
  return null;
}

/** Deletes a version that priced nothing issued (its prices and commitments go with it), audited. */
export async function deleteVersion(db: Db, versionId: string, today: string, actor: Actor): Promise<void> {
  await withPriceGuards(() =>
    db.transaction(async (tx) => {
      const all = await listVersions(tx, today);
      const version = all.find((v) => v.id === versionId);
      if (!version) throw new AppError("not_found", "This price version does not exist (any more).");
      const refusal = deletionRefusal(version, all);
      if (refusal) throw new AppError("conflict", refusal);
      const [counts] = await tx
        .select({
          prices: sql<number>`(select count(*)::int from ${prices} where ${prices.versionId} = ${versionId})`,
          commitments: sql<number>`(select count(*)::int from ${tierCommitments} where ${tierCommitments.versionId} = ${versionId})`,
        })
        .from(priceVersions)
        .where(eq(priceVersions.id, versionId));
      await tx.delete(priceVersions).where(eq(priceVersions.id, versionId));
      await writeAudit(tx, actor, {
        action: "price_version.deleted",
        entityType: "price_version",
        entityId: versionId,
        data: { before: { effectiveFrom: version.effectiveFrom, note: version.note, ...counts } },
      });
    }),
  );
}
