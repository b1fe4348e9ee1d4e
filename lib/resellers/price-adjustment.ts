import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts, distributorSettings, resellers } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { dec, type PriceAdjustment } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { headlineOfAdjustment, impactLines } from "./describe";
import { nextInvoiceImpact } from "./next-invoice";
import type { PriceAdjustmentInput } from "./schema";

/** A database check refusing the adjustment (pair or range), read through drizzle's wrapping. */
function checkViolation(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const pg = e as { code?: string; constraint_name?: string; constraint?: string; cause?: unknown };
    if (pg.code === "23514") return pg.constraint_name ?? pg.constraint ?? "";
    // numeric(7,4) overflows before the range check is even reached (e.g. 5000 %).
    if (pg.code === "22003") return "range";
    e = pg.cause;
  }
  return null;
}

const rangeMessage =
  "Out of range: a discount or margin is from 0 to below 100 %, a markup from 0 to 999.9999 %.";

/**
 * An admin sets or removes a reseller's price adjustment (domain.md §2.2) with a reason. Unconfirmed, it
 * changes nothing and answers with what the next invoice would look like (field `confirm`); confirmed, the
 * change and its audit entry (before, after, reason) are one transaction. Drafts and previews rated from
 * now on use it; issued invoices keep their prices.
 */
export async function setPriceAdjustment(
  db: Db,
  actor: Actor,
  input: PriceAdjustmentInput,
  today: string,
): Promise<{ before: PriceAdjustment | null; after: PriceAdjustment | null }> {
  const after: PriceAdjustment | null =
    input.kind && input.percent !== null
      ? { kind: input.kind, percent: dec(input.percent).toString() }
      : null;
  const [reseller] = await db.select().from(resellers).where(eq(resellers.id, input.resellerId));
  if (!reseller) throw new AppError("not_found", "This reseller does not exist.");
  const before = adjustmentOf(reseller);
  if (JSON.stringify(before) === JSON.stringify(after)) {
    throw new AppError("validation", "That is the reseller's adjustment already: nothing to change.", {
      kind: ["Nothing to change."],
    });
  }
  if (!input.confirm) {
    // The database checks the pair and range; a rolled-back write asks it before the confirm step.
    await write(db, actor, reseller.id, before, after, input.reason, { dryRun: true });
    const [settings] = await db.select().from(distributorSettings).where(eq(distributorSettings.id, 1));
    const [live] = await db
      .select({ id: contracts.id })
      .from(contracts)
      .where(and(eq(contracts.resellerId, reseller.id), ne(contracts.state, "cancelled")));
    const impact = live ? await nextInvoiceImpact(db, live.id, today, { adjustment: after }) : null;
    const headline = headlineOfAdjustment(before, after, settings?.distributorDiscountPercent ?? "0");
    throw new AppError("validation", "Confirm the change: it changes what the reseller pays.", {
      confirm: [headline, ...impactLines(impact)],
    });
  }
  await write(db, actor, reseller.id, before, after, input.reason, { dryRun: false });
  return { before, after };
}

class DryRun extends Error {}

async function write(
  db: Db,
  actor: Actor,
  resellerId: string,
  before: PriceAdjustment | null,
  after: PriceAdjustment | null,
  reason: string,
  options: { dryRun: boolean },
): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await tx
        .update(resellers)
        .set({
          priceAdjustmentKind: after?.kind ?? null,
          priceAdjustmentPercent: after?.percent ?? null,
          updatedAt: new Date(),
        })
        .where(eq(resellers.id, resellerId));
      if (options.dryRun) throw new DryRun();
      await writeAudit(tx, actor, {
        action: "reseller.price_adjustment_changed",
        entityType: "reseller",
        entityId: resellerId,
        resellerId,
        data: { before, after, reason },
      });
    });
  } catch (error) {
    if (error instanceof DryRun) return;
    const check = checkViolation(error);
    if (check === null) throw error;
    const field = check.includes("pair") ? "kind" : "percent";
    throw new AppError("validation", "Check the highlighted fields.", {
      [field]: [field === "kind" ? "Choose a kind together with a percentage, or none." : rangeMessage],
    });
  }
}

export function adjustmentOf(row: {
  priceAdjustmentKind: PriceAdjustment["kind"] | null;
  priceAdjustmentPercent: string | null;
}): PriceAdjustment | null {
  if (!row.priceAdjustmentKind || row.priceAdjustmentPercent === null) return null;
  return { kind: row.priceAdjustmentKind, percent: dec(row.priceAdjustmentPercent).toString() };
}
