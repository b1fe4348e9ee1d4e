import "server-only";
import { createHash } from "node:crypto";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { distributorSettings, fxRates, invoices } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { dec } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { crossRatesViaEur, ECB_CROSS_SOURCE } from "./cross";
import { distributorCurrencies } from "./currencies";
import { type LineError, parseEcbCsv } from "./ecb";
import { refusedByGuard } from "./write";

/** The ECB quotes every rate as 1 EUR = x currency; imported rows are EUR → x with this source. */
export const ECB_SOURCE = "ECB";
const FROM = "EUR";

export type ImportEntry = {
  line: number;
  from: string;
  to: string;
  date: string;
  rate: string;
  /** The stored rate it replaces (changed entries only). */
  before?: string;
  id?: string;
  /** A derived cross rate: (EUR → to) ÷ (EUR → from), the file's two rates. */
  via?: { eurToFrom: string; eurToTo: string };
};

/** What importing does to one group of rates (the ECB's own, or the cross rates derived from them). */
export type ImportGroup = { added: ImportEntry[]; changed: ImportEntry[]; unchanged: number };

export type ImportPlan = ImportGroup & {
  /**
   * Derived cross rates base → X (source "ECB (cross via EUR)"): what the storefront and billing convert
   * with, since they only use the exact pair or its inverse. `base` is null when the base currency is EUR.
   */
  cross: ImportGroup & { base: string | null };
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

async function baseCurrencyOf(db: DbOrTx): Promise<string> {
  const [row] = await db
    .select({ base: distributorSettings.baseCurrency })
    .from(distributorSettings)
    .where(eq(distributorSettings.id, 1));
  return row?.base.trim() ?? "USD";
}

/**
 * Sorts `entries` (all `from` → x, dated within firstDate..lastDate) against the stored rates: new, changed
 * (unused), unchanged; a change to a rate an issued invoice printed is an error on the entry's line.
 */
async function classify(
  db: DbOrTx,
  from: string,
  entries: ImportEntry[],
  range: { firstDate: string; lastDate: string },
  label: (e: ImportEntry) => string,
): Promise<ImportGroup & { errors: LineError[] }> {
  const group: ImportGroup & { errors: LineError[] } = { added: [], changed: [], unchanged: 0, errors: [] };
  if (entries.length === 0) return group;
  const targets = [...new Set(entries.map((e) => e.to))];
  const inRange = (column: typeof fxRates.date | typeof invoices.fxDate) =>
    sql`${column} between ${range.firstDate}::date and ${range.lastDate}::date`;
  const [stored, used] = await Promise.all([
    db
      .select({ id: fxRates.id, to: fxRates.to, date: fxRates.date, rate: fxRates.rate })
      .from(fxRates)
      .where(and(eq(fxRates.from, from), inArray(fxRates.to, targets), inRange(fxRates.date))),
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
          eq(invoices.fxFrom, from),
          inArray(invoices.fxTo, targets),
          sql`${invoices.status} <> 'draft'`,
          inRange(invoices.fxDate),
        ),
      ),
  ]);
  const key = (to: string, date: string) => `${to}|${date}`;
  const storedBy = new Map(stored.map((r) => [key(r.to, r.date), r]));
  const usedBy = new Map(used.map((r) => [key(r.to ?? "", r.date ?? ""), r.number]));
  for (const entry of entries) {
    const existing = storedBy.get(key(entry.to, entry.date));
    if (!existing) {
      group.added.push(entry);
    } else if (dec(existing.rate).equals(entry.rate)) {
      group.unchanged++;
    } else {
      const invoice = usedBy.get(key(entry.to, entry.date));
      if (invoice) {
        group.errors.push({
          line: entry.line,
          message: `${label(entry)} is ${existing.rate} on issued invoice ${invoice}; the file ${entry.via ? "gives" : "says"} ${entry.rate}. A rate an issued invoice printed never changes.`,
        });
      } else {
        group.changed.push({ ...entry, before: existing.rate, id: existing.id });
      }
    }
  }
  return group;
}

/** What importing `text` would do, read-only (the preview; apply re-plans inside its transaction). */
export async function planEcbImport(db: DbOrTx, text: string, today: string): Promise<ImportPlan> {
  const file = parseEcbCsv(text);
  const [kept, base] = await Promise.all([distributorCurrencies(db), baseCurrencyOf(db)]);
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
    cross: { base: base === FROM ? null : base, added: [], changed: [], unchanged: 0 },
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

  const range = { firstDate, lastDate };
  const derived = crossRatesViaEur(wanted, base);
  const [direct, cross] = await Promise.all([
    classify(
      db,
      FROM,
      wanted.map((r) => ({ line: r.line, from: FROM, to: r.currency, date: r.date, rate: r.rate })),
      range,
      (e) => `EUR → ${e.to} of ${e.date}`,
    ),
    classify(
      db,
      base,
      derived.rates.map((r) => ({
        line: r.line,
        from: r.from,
        to: r.to,
        date: r.date,
        rate: r.rate,
        via: { eurToFrom: r.eurToFrom, eurToTo: r.eurToTo },
      })),
      range,
      (e) => `${e.from} → ${e.to} of ${e.date} (cross via EUR: ${e.via?.eurToTo} ÷ ${e.via?.eurToFrom})`,
    ),
  ]);
  plan.added = direct.added;
  plan.changed = direct.changed;
  plan.unchanged = direct.unchanged;
  plan.cross = { ...plan.cross, added: cross.added, changed: cross.changed, unchanged: cross.unchanged };
  errors.push(...direct.errors, ...derived.errors, ...cross.errors);
  plan.changesToday = [...direct.added, ...direct.changed, ...cross.added, ...cross.changed].some(
    (e) => e.date <= today,
  );
  errors.sort((a, b) => a.line - b.line);
  return withFingerprint(plan);
}

function withFingerprint(plan: ImportPlan): ImportPlan {
  const hash = createHash("sha256");
  for (const e of plan.added) hash.update(`+${e.to}${e.date}${e.rate};`);
  for (const e of plan.changed) hash.update(`~${e.to}${e.date}${e.before}>${e.rate};`);
  for (const e of plan.cross.added) hash.update(`x+${e.from}${e.to}${e.date}${e.rate};`);
  for (const e of plan.cross.changed) hash.update(`x~${e.from}${e.to}${e.date}${e.before}>${e.rate};`);
  hash.update(`=${plan.unchanged};x=${plan.cross.unchanged};!${plan.errors.length}`);
  return { ...plan, fingerprint: hash.digest("hex").slice(0, 32) };
}

export type ImportResult = {
  added: number;
  changed: number;
  unchanged: number;
  /** The derived cross rates base → X. */
  crossAdded: number;
  crossChanged: number;
  crossUnchanged: number;
  changesToday: boolean;
};

/** Inserts the new rates and updates the changed ones of one group, with that group's source. */
async function write(tx: DbOrTx, group: ImportGroup, source: string, actor: Actor) {
  for (let i = 0; i < group.added.length; i += 1000) {
    await tx.insert(fxRates).values(
      group.added.slice(i, i + 1000).map((e) => ({
        from: e.from,
        to: e.to,
        date: e.date,
        rate: e.rate,
        source,
        createdBy: actor.userId,
      })),
    );
  }
  for (const e of group.changed) {
    await tx
      .update(fxRates)
      .set({ rate: e.rate, source, updatedAt: new Date() })
      .where(eq(fxRates.id, e.id!));
  }
}

const audited = (e: ImportEntry) => ({
  pair: `${e.from}/${e.to}`,
  date: e.date,
  ...(e.before !== undefined ? { before: e.before, after: e.rate } : { rate: e.rate }),
  ...(e.via ? { via: `EUR/${e.to} ${e.via.eurToTo} ÷ EUR/${e.from} ${e.via.eurToFrom}` } : {}),
});

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
      await write(tx, plan, ECB_SOURCE, actor);
      await write(tx, plan.cross, ECB_CROSS_SOURCE, actor);
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
          changed: plan.changed.map(audited),
          addedSample: plan.added.slice(0, 50).map(audited),
          cross: {
            base: plan.cross.base,
            source: ECB_CROSS_SOURCE,
            added: plan.cross.added.length,
            unchanged: plan.cross.unchanged,
            changed: plan.cross.changed.map(audited),
            addedSample: plan.cross.added.slice(0, 50).map(audited),
          },
        },
      });
      return {
        added: plan.added.length,
        changed: plan.changed.length,
        unchanged: plan.unchanged,
        crossAdded: plan.cross.added.length,
        crossChanged: plan.cross.changed.length,
        crossUnchanged: plan.cross.unchanged,
        changesToday: plan.changesToday,
      };
    });
  } catch (error) {
    throw refusedByGuard(error) ?? error;
  }
}

const shown = ({ id: _id, ...e }: ImportEntry) => e;

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
    addedSample: plan.added.slice(0, limit).map(shown),
    changedSample: plan.changed.slice(0, limit).map(shown),
    cross: {
      base: plan.cross.base,
      added: plan.cross.added.length,
      changed: plan.cross.changed.length,
      unchanged: plan.cross.unchanged,
      addedSample: plan.cross.added.slice(0, limit).map(shown),
      changedSample: plan.cross.changed.slice(0, limit).map(shown),
    },
  };
}

export type ImportPreview = ReturnType<typeof summarisePlan>;
