import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { contracts, invoices, prices, signups, type Tier, tierCommitments, tiers } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { versionInForce } from "@/lib/catalogue/price-versions";
import { PROMO_CODE } from "@/lib/contracts/tier-targets";
import { AppError } from "@/lib/errors/app-error";
import { multiLine } from "@/lib/validation/text";
import { explainRefusal } from "./db-refusal";
import { checkbox, displayName, tierCode, wholeNumber } from "./fields";

/** The tier edit form (domain.md §2.1); the commitment and prices live in the price book. */
export const tierSchema = z.object({
  id: z.uuid({ error: "Unknown tier." }),
  name: displayName("tier"),
  code: tierCode,
  description: multiLine({ max: 500, maxMessage: "At most 500 characters." }).default(""),
  tierLevelValue: wholeNumber("Acronis's tier level value", -1, 1000),
  trialAllowed: checkbox,
  orderable: checkbox,
  retired: checkbox,
  sortOrder: wholeNumber("the display order", 0, 10000),
});
export type TierInput = z.infer<typeof tierSchema>;

const invalid = (field: string, message: string) =>
  new AppError("validation", "Check the highlighted fields.", { [field]: [message] });

export const CODE_TAKEN = "Another tier already uses this code.";

/** Whether anything names the tier by its code or id: contracts, invoices (tier_code), sign-ups. */
export async function tierInUse(db: DbOrTx, tier: Tier): Promise<boolean> {
  const [row] = await db.execute<{ used: boolean }>(sql`select
    exists (select 1 from ${contracts} where ${contracts.tierId} = ${tier.id})
    or exists (select 1 from ${invoices} where ${invoices.tierCode} = ${tier.code})
    or exists (select 1 from ${signups} where ${signups.tierCode} = ${tier.code}) as used`);
  return Boolean(row?.used);
}

/** Priced in the version in force for `today`'s month: a USD commitment and unit prices. */
export async function isPricedInForce(db: DbOrTx, tierId: string, today: string): Promise<boolean> {
  const version = await versionInForce(db, today);
  const [row] = await db.execute<{ priced: boolean }>(sql`select
    exists (select 1 from ${tierCommitments} where ${tierCommitments.versionId} = ${version.id}
      and ${tierCommitments.tierId} = ${tierId} and ${tierCommitments.currency} = 'USD')
    and exists (select 1 from ${prices} where ${prices.versionId} = ${version.id}
      and ${prices.tierId} = ${tierId}) as priced`);
  return Boolean(row?.priced);
}

export async function codeTaken(db: DbOrTx, code: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: tiers.id })
    .from(tiers)
    .where(exceptId ? and(eq(tiers.code, code), ne(tiers.id, exceptId)) : eq(tiers.code, code));
  return Boolean(row);
}

/** The audit's before/after: only the fields that changed. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const out: { before: Record<string, unknown>; after: Record<string, unknown> } = { before: {}, after: {} };
  for (const [key, value] of Object.entries(after)) {
    const old = before[key];
    const same = old instanceof Date || value instanceof Date ? String(old) === String(value) : old === value;
    if (!same) {
      out.before[key] = old;
      out.after[key] = value;
    }
  }
  return out;
}

/**
 * Edits a tier. A retired tier is neither orderable nor an upgrade target, but contracts on it keep being
 * billed (§2.1); Promo never has a trial; the code cannot change once anything names the tier by it; a tier
 * not priced in the version in force cannot be made orderable.
 */
export async function updateTier(
  db: Db,
  input: TierInput,
  actor: Actor,
  options: { today: string; now: Date },
): Promise<{ tier: Tier; changed: string[] }> {
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(tiers).where(eq(tiers.id, input.id)).for("update");
      if (!before) throw new AppError("not_found", "This tier does not exist.");
      if (input.code !== before.code) {
        if (before.code === PROMO_CODE) {
          throw invalid(
            "code",
            "Promo's code marks it as the plan with no trial that nothing downgrades to; keep it.",
          );
        }
        if (await tierInUse(tx, before)) {
          throw invalid(
            "code",
            `Contracts, sign-ups or invoices name this tier ${before.code}; the code cannot change. Rename its display name instead.`,
          );
        }
        if (await codeTaken(tx, input.code, before.id)) throw invalid("code", CODE_TAKEN);
      }
      const isPromo = input.code === PROMO_CODE;
      if (isPromo && input.trialAllowed) throw invalid("trialAllowed", "Promo has no trial (domain rule).");
      const orderable = input.orderable && !input.retired;
      if (orderable && !(await isPricedInForce(tx, before.id, options.today))) {
        throw invalid(
          "orderable",
          "This tier has no commitment or prices in the price version in force this month; price it in the price book first.",
        );
      }
      const next = {
        code: input.code,
        name: input.name,
        description: input.description,
        acronisTierLevelValue: input.tierLevelValue,
        trialAllowed: input.trialAllowed,
        orderable,
        retiredAt: input.retired ? (before.retiredAt ?? options.now) : null,
        sortOrder: input.sortOrder,
      };
      const diff = changedFields(before, next);
      const [tier] = await tx.update(tiers).set(next).where(eq(tiers.id, before.id)).returning();
      const changed = Object.keys(diff.after);
      if (changed.length > 0) {
        await writeAudit(tx, actor, {
          action: input.retired && !before.retiredAt ? "catalogue.tier_retired" : "catalogue.tier_updated",
          entityType: "tier",
          entityId: before.id,
          data: { code: before.code, ...diff },
        });
      }
      return { tier: tier!, changed };
    });
  } catch (error) {
    throw explainRefusal(error, { tiers_code_unique: invalid("code", CODE_TAKEN) });
  }
}
