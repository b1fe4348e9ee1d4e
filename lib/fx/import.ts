import "server-only";
import { createHash } from "node:crypto";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { fxRates, invoices } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { dec } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { distributorCurrencies } from "./currencies";
import { type LineError, parseEcbCsv } from "./ecb";
import { refusedByGuard } from "./write";

/** The ECB quotes every rate as 1 EUR = x currency; imported rows are EUR → x with this source. */
export const ECB_SOURCE = "ECB";
const FROM = "EUR";

export type ImportEntry = {
  line: number;
  to: string;
  date: string;
  rate: string;
  /** The stored rate it replaces (changed entries only). */
  before?: string;
  id?: string;
};

export type ImportPlan = {
  added: ImportEntry[];
  changed: ImportEntry[];
  unchanged: number;
  /** Currency columns of the file the distributor does not use. */
  skipped: string[];
  /** Unreadable lines and lines that would change a rate an issued invoice printed: nothing is applied. */
  errors: LineError[];
  firstDate: string | null;
  lastDate: string | null;
  /** True when a new or changed rate is dated on or before today: the storefront's prices change now. */
  changesToday: boolean;
  /** Identifies this plan, so applying refuses when the rates moved since the preview. */
  fingerprint: string;
};

/** What importing `text` would do, read-only (the preview; apply re-plans inside its transaction). */
export async function planEcbImport(db: DbOrTx, text: string, today: string): Promise<ImportPlan> {
  const file = parseEcbCsv(text);
  const kept = await distributorCurrencies(db);
  const skipped = file.currencies.filter((c) => !kept.has(c) || c === FROM);
  const wanted = file.rates.filter((r) => kept.has(r.currency) && r.currency !== FROM);
  const dates = wanted.map((r) => r.date).sort();
  const firstDate = dates[0] ?? null;
  const lastDate = dates.at(-1) ?? null;
  const errors = [...file.errors];
  const plan: ImportPlan = {
    added: [],
    changed: [],
    unchanged: 0,
    skipped,
    errors,
    firstDate,
    lastDate,
    changesToday: false,
    fingerprint: "",
  };
  if (file.errors.length === 0 && wanted.length === 0) {
    errors.push({ line: 1, message: "No rate in this file is for a currency you use." });
  }
  if (errors.length > 0 || !firstDate || !lastDate) return withFingerprint(plan);

  const targets = [...new Set(wanted.map((r) => r.currency))];
  const [stored, used] = await Promise.all([
    db
      .select({ id: fxRates.id, to: fxRates.to, date: fxRates.date, rate: fxRates.rate })
      .from(fxRates)
      .where(
        and(
          eq(fxRates.from, FROM),
          inArray(fxRates.to, targets),
          sql`${fxRates.date} between ${firstDate}::date and ${lastDate}::date`,
        ),
      ),
    db
      .selectDistinctOn([invoices.fxTo, invoices.fxDate], {
        to: invoices.fxTo,
        date: invoices.fxDate,
        number: invoices.number,
      })
      .from(invoices)
      .where(
        and(
          isNotNull(invoices.fxRate),
          eq(invoices.fxFrom, FROM),
          inArray(invoices.fxTo, targets),
          sql`${invoices.status} <> 'draft'`,
          sql`${invoices.fxDate} between ${firstDate}::date and ${lastDate}::date`,
        ),
      ),
  ]);
  const key = (to: string, date: string) => `${to}|${date}`;
  const storedBy = new Map(stored.map((r) => [key(r.to, r.date), r]));
  const usedBy = new Map(used.map((r) => [key(r.to ?? "", r.date ?? ""), r.number]));
  for (const r of wanted) {
    const existing = storedBy.get(key(r.currency, r.date));
    const entry: ImportEntry = { line: r.line, to: r.currency, date: r.date, rate: r.rate };
    if (!existing) {
      plan.added.push(entry);
    } else if (dec(existing.rate).equals(r.rate)) {
      plan.unchanged++;
      continue;
    } else {
      const invoice = usedBy.get(key(r.currency, r.date));
      if (invoice) {
        errors.push({
          line: r.line,
          message: `EUR → ${r.currency} of ${r.date} is ${existing.rate} on issued invoice ${invoice}; the file says ${r.rate}. A rate an issued invoice printed never changes.`,
        });
        continue;
      }
      plan.changed.push({ ...entry, before: existing.rate, id: existing.id });
    }
    if (r.date <= today) plan.changesToday = true;
  }
  errors.sort((a, b) => a.line - b.line);
  return withFingerprint(plan);
}

function withFingerprint(plan: ImportPlan): ImportPlan {
  const hash = createHash("sha256");
  for (const e of plan.added) hash.update(`+${e.to}${e.date}${e.rate};`);
  for (const e of plan.changed) hash.update(`~${e.to}${e.date}${e.before}>${e.rate};`);
  hash.update(`=${plan.unchanged};!${plan.errors.length}`);
  return { ...plan, fingerprint: hash.digest("hex").slice(0, 32) };
}

export type ImportResult = { added: number; changed: number; unchanged: number; changesToday: boolean };

/** Applies the import all or nothing; refuses when any line is wrong or the plan moved since `fingerprint`. */
export async function applyEcbImport(
  db: Db,
  text: string,
  actor: Actor,
  today: string,
  fingerprint?: string,
): Promise<ImportResult> {
  try {
    return await db.transaction(async (tx) => {
      // One import at a time, so two finance users cannot interleave on the same rates.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('fx_rates_import'))`);
      const plan = await planEcbImport(tx, text, today);
      if (plan.errors.length > 0) {
        const lines = plan.errors.slice(0, 20).map((e) => `Line ${e.line}: ${e.message}`);
        throw new AppError("validation", `Nothing was imported: ${plan.errors.length} line(s) need fixing.`, {
          csv: lines,
        });
      }
      if (fingerprint && fingerprint !== plan.fingerprint) {
        throw new AppError("conflict", "The stored rates changed since the preview. Preview the file again.");
      }
      for (let i = 0; i < plan.added.length; i += 1000) {
        await tx.insert(fxRates).values(
          plan.added.slice(i, i + 1000).map((e) => ({
            from: FROM,
            to: e.to,
            date: e.date,
            rate: e.rate,
            source: ECB_SOURCE,
            createdBy: actor.userId,
          })),
        );
      }
      for (const e of plan.changed) {
        await tx
          .update(fxRates)
          .set({ rate: e.rate, source: ECB_SOURCE, updatedAt: new Date() })
          .where(eq(fxRates.id, e.id!));
      }
      await writeAudit(tx, actor, {
        action: "fx.ecb_imported",
        entityType: "fx_rate",
        data: {
          firstDate: plan.firstDate,
          lastDate: plan.lastDate,
          added: plan.added.length,
          unchanged: plan.unchanged,
          skipped: plan.skipped,
          // Before and after of every overwritten rate; additions by count (a history file adds thousands).
          changed: plan.changed.map((e) => ({
            pair: `EUR/${e.to}`,
            date: e.date,
            before: e.before,
            after: e.rate,
          })),
          addedSample: plan.added
            .slice(0, 50)
            .map((e) => ({ pair: `EUR/${e.to}`, date: e.date, rate: e.rate })),
        },
      });
      return {
        added: plan.added.length,
        changed: plan.changed.length,
        unchanged: plan.unchanged,
        changesToday: plan.changesToday,
      };
    });
  } catch (error) {
    throw refusedByGuard(error) ?? error;
  }
}

/** The preview as the page shows it: counts plus the first entries of each list. */
export function summarisePlan(plan: ImportPlan, limit = 100) {
  return {
    added: plan.added.length,
    changed: plan.changed.length,
    unchanged: plan.unchanged,
    skipped: plan.skipped,
    errors: plan.errors.slice(0, limit),
    errorCount: plan.errors.length,
    firstDate: plan.firstDate,
    lastDate: plan.lastDate,
    changesToday: plan.changesToday,
    fingerprint: plan.fingerprint,
    addedSample: plan.added.slice(0, limit),
    changedSample: plan.changed.slice(0, limit).map(({ id: _id, ...e }) => e),
  };
}

export type ImportPreview = ReturnType<typeof summarisePlan>;
