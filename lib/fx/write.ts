import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { fxRates } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { dec } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import type { AddRateInput, CorrectRateInput } from "./rate-format";
import { findRate } from "./rates";

/** The database's own message when a guard (SQLSTATE P0001) refused, else null. */
export function guardMessage(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const pg = e as { code?: string; message?: string; cause?: unknown };
    if (pg.code === "P0001" && pg.message) return pg.message;
    e = pg.cause;
  }
  return null;
}

function isPairDateTaken(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const pg = e as { code?: string; constraint_name?: string; constraint?: string; cause?: unknown };
    if (pg.code === "23505" && (pg.constraint_name ?? pg.constraint) === "fx_rates_pair_date_key")
      return true;
    e = pg.cause;
  }
  return false;
}

/** Turns the FX guard's refusal into a message a finance user can act on. */
export function refusedByGuard(error: unknown): AppError | null {
  const message = guardMessage(error);
  if (!message) return null;
  return new AppError(
    "conflict",
    `Refused: ${message}. An issued invoice printed this rate; add a rate with another date instead.`,
  );
}

/** What a rate dated `date` changes, said before the person confirms. */
export function effectOf(date: string, today: string): string {
  return date <= today
    ? "It is dated today or earlier: the storefront converts with it now, and invoices dated on or after it (drafts and future runs) use it."
    : `It is future-dated: nothing uses it before ${date}.`;
}

export type RateChange = { id: string; from: string; to: string; date: string; rate: string; effect: string };

/** Refuses a pair and date that already has a rate (correct that one instead). */
async function assertFree(db: DbOrTx, input: AddRateInput) {
  const [existing] = await db
    .select({ id: fxRates.id })
    .from(fxRates)
    .where(and(eq(fxRates.from, input.from), eq(fxRates.to, input.to), eq(fxRates.date, input.date)));
  if (existing) {
    throw new AppError("validation", "Check the highlighted fields.", {
      date: [`${input.from} → ${input.to} already has a rate dated ${input.date}; correct that one instead.`],
    });
  }
}

/** Validates an addition without storing it (the confirm step). */
export async function checkAddRate(db: DbOrTx, input: AddRateInput, today: string) {
  await assertFree(db, input);
  return { ...input, effect: effectOf(input.date, today) };
}

export async function addRate(db: Db, input: AddRateInput, actor: Actor, today: string): Promise<RateChange> {
  try {
    return await db.transaction(async (tx) => {
      await assertFree(tx, input);
      const [row] = await tx
        .insert(fxRates)
        .values({
          from: input.from,
          to: input.to,
          date: input.date,
          rate: input.rate,
          source: input.source,
          createdBy: actor.userId,
        })
        .returning();
      await writeAudit(tx, actor, {
        action: "fx.rate_added",
        entityType: "fx_rate",
        entityId: row!.id,
        data: {
          after: { from: input.from, to: input.to, date: input.date, rate: input.rate, source: input.source },
        },
      });
      return { id: row!.id, ...input, effect: effectOf(input.date, today) };
    });
  } catch (error) {
    if (isPairDateTaken(error)) {
      throw new AppError("validation", "Check the highlighted fields.", {
        date: [
          `${input.from} → ${input.to} already has a rate dated ${input.date}; correct that one instead.`,
        ],
      });
    }
    throw error;
  }
}

/** A rate that may be corrected or deleted: dated after today, used by no issued invoice. */
async function editableRate(db: DbOrTx, id: string, today: string, verb: "correct" | "delete") {
  const rate = await findRate(db, id);
  if (!rate) throw new AppError("not_found", "This rate no longer exists. Reload the page.");
  if (rate.isUsed) {
    throw new AppError(
      "conflict",
      `The ${rate.from} → ${rate.to} rate of ${rate.date} is on issued invoice ${rate.usedBy}: it can never change.`,
    );
  }
  if (rate.date <= today) {
    throw new AppError(
      "conflict",
      `Only future-dated rates can be ${verb === "correct" ? "corrected" : "deleted"}: the ${rate.from} → ${rate.to} rate of ${rate.date} may already be on the storefront and on drafts. Add a rate with a later date instead.`,
    );
  }
  return rate;
}

export async function checkCorrectRate(db: DbOrTx, input: CorrectRateInput, today: string) {
  const rate = await editableRate(db, input.id, today, "correct");
  if (dec(rate.rate).equals(input.rate) && rate.source === input.source) {
    throw new AppError("validation", "Check the highlighted fields.", {
      rate: ["This is the rate already stored."],
    });
  }
  return { ...rate, newRate: input.rate, newSource: input.source };
}

export async function correctRate(db: Db, input: CorrectRateInput, actor: Actor, today: string) {
  try {
    return await db.transaction(async (tx) => {
      const before = await checkCorrectRate(tx, input, today);
      await tx
        .update(fxRates)
        .set({ rate: input.rate, source: input.source, updatedAt: new Date() })
        .where(eq(fxRates.id, input.id));
      await writeAudit(tx, actor, {
        action: "fx.rate_corrected",
        entityType: "fx_rate",
        entityId: input.id,
        data: {
          pair: `${before.from}/${before.to}`,
          date: before.date,
          before: { rate: before.rate, source: before.source },
          after: { rate: input.rate, source: input.source },
        },
      });
      return { from: before.from, to: before.to, date: before.date, rate: input.rate };
    });
  } catch (error) {
    throw refusedByGuard(error) ?? error;
  }
}

export async function deleteRate(db: Db, id: string, actor: Actor, today: string) {
  try {
    return await db.transaction(async (tx) => {
      const before = await editableRate(tx, id, today, "delete");
      await tx.delete(fxRates).where(eq(fxRates.id, id));
      await writeAudit(tx, actor, {
        action: "fx.rate_deleted",
        entityType: "fx_rate",
        entityId: id,
        data: {
          before: {
            from: before.from,
            to: before.to,
            date: before.date,
            rate: before.rate,
            source: before.source,
          },
        },
      });
      return { from: before.from, to: before.to, date: before.date };
    });
  } catch (error) {
    throw refusedByGuard(error) ?? error;
  }
}

/** Validates a deletion without doing it (the confirm step). */
export async function checkDeleteRate(db: DbOrTx, id: string, today: string) {
  return editableRate(db, id, today, "delete");
}
