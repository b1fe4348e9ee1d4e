import "server-only";
import { and, asc, desc, eq, isNotNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { fxRates, invoices, users } from "@/db/schema";

/**
 * Reading FX rates for the back office (domain.md §5.4: "1 unit of A = r units of B" with a date). A rate is
 * "used" by an invoice whose fx_from/fx_to/fx_date name its pair and date; once such an invoice is issued
 * (any state but draft) the rate never changes — the database refuses it (migration 0008, fx_rates_guard).
 */

export type RateRef = { rate: string; date: string; source: string };

export type FxPairSummary = {
  from: string;
  to: string;
  /** The rate in force today (latest dated on or before today), if any. */
  current: RateRef | null;
  /** The next future-dated rate, if any. */
  next: RateRef | null;
  rates: number;
  /** Invoices (any state) that used a rate of this pair. */
  invoices: number;
};

export async function listFxPairs(db: DbOrTx, today: string): Promise<FxPairSummary[]> {
  const [counts, current, next, used] = await Promise.all([
    db.execute<{ from: string; to: string; n: number }>(sql`
      select from_currency as "from", to_currency as "to", count(*)::int as n
      from fx_rates group by 1, 2 order by 1, 2`),
    db.execute<{ from: string; to: string; rate: string; date: string; source: string }>(sql`
      select distinct on (from_currency, to_currency) from_currency as "from", to_currency as "to",
        rate::text as rate, date::text as date, source
      from fx_rates where date <= ${today}::date
      order by from_currency, to_currency, date desc`),
    db.execute<{ from: string; to: string; rate: string; date: string; source: string }>(sql`
      select distinct on (from_currency, to_currency) from_currency as "from", to_currency as "to",
        rate::text as rate, date::text as date, source
      from fx_rates where date > ${today}::date
      order by from_currency, to_currency, date asc`),
    db.execute<{ from: string; to: string; n: number }>(sql`
      select fx_from as "from", fx_to as "to", count(*)::int as n
      from invoices where fx_rate is not null and fx_from is not null group by 1, 2`),
  ]);
  const key = (r: { from: string; to: string }) => `${r.from}>${r.to}`;
  const currentBy = new Map([...current].map((r) => [key(r), r]));
  const nextBy = new Map([...next].map((r) => [key(r), r]));
  const usedBy = new Map([...used].map((r) => [key(r), Number(r.n)]));
  return [...counts].map((r) => {
    const c = currentBy.get(key(r));
    const n = nextBy.get(key(r));
    return {
      from: r.from,
      to: r.to,
      current: c ? { rate: c.rate, date: c.date, source: c.source } : null,
      next: n ? { rate: n.rate, date: n.date, source: n.source } : null,
      rates: Number(r.n),
      invoices: usedBy.get(key(r)) ?? 0,
    };
  });
}

export type RateInvoice = { id: string; number: string | null; period: string; status: string };

export type PairRate = {
  id: string;
  rate: string;
  date: string;
  source: string;
  addedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  invoices: RateInvoice[];
  /** Used by an invoice that is not a draft: the rate can never change. */
  isLocked: boolean;
  /** Dated after today and not locked: it may be corrected or deleted. */
  isEditable: boolean;
};

export const PAIR_PAGE = 100;

/** A pair's rates, newest first (a page of `PAIR_PAGE` dated before `before`), each with its invoices. */
export async function listPairRates(
  db: DbOrTx,
  pair: { from: string; to: string },
  today: string,
  before?: string | null,
): Promise<{ rates: PairRate[]; hasMore: boolean }> {
  const conditions = [eq(fxRates.from, pair.from), eq(fxRates.to, pair.to)];
  if (before) conditions.push(lt(fxRates.date, before));
  const rows = await db
    .select({
      id: fxRates.id,
      rate: fxRates.rate,
      date: fxRates.date,
      source: fxRates.source,
      addedBy: users.email,
      createdAt: fxRates.createdAt,
      updatedAt: fxRates.updatedAt,
    })
    .from(fxRates)
    .leftJoin(users, eq(users.id, fxRates.createdBy))
    .where(and(...conditions))
    .orderBy(desc(fxRates.date))
    .limit(PAIR_PAGE + 1);
  const page = rows.slice(0, PAIR_PAGE);
  const used = page.length ? await invoicesUsing(db, pair, page.at(-1)!.date, page[0]!.date) : new Map();
  return {
    rates: page.map((r) => {
      const list: RateInvoice[] = used.get(r.date) ?? [];
      const isLocked = list.some((i) => i.status !== "draft");
      return { ...r, invoices: list, isLocked, isEditable: r.date > today && !isLocked };
    }),
    hasMore: rows.length > PAIR_PAGE,
  };
}

/** Invoices that used a rate of the pair dated between `from` and `to` (inclusive), by rate date. */
async function invoicesUsing(
  db: DbOrTx,
  pair: { from: string; to: string },
  fromDate: string,
  toDate: string,
): Promise<Map<string, RateInvoice[]>> {
  const rows = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      period: invoices.period,
      status: invoices.status,
      date: invoices.fxDate,
    })
    .from(invoices)
    .where(
      and(
        isNotNull(invoices.fxRate),
        eq(invoices.fxFrom, pair.from),
        eq(invoices.fxTo, pair.to),
        sql`${invoices.fxDate} between ${fromDate}::date and ${toDate}::date`,
      ),
    )
    .orderBy(asc(invoices.period), asc(invoices.number));
  const out = new Map<string, RateInvoice[]>();
  for (const row of rows) {
    if (!row.date) continue;
    const list = out.get(row.date) ?? [];
    list.push({ id: row.id, number: row.number, period: row.period, status: row.status });
    out.set(row.date, list);
  }
  return out;
}

/** One rate with whether an issued invoice used it (the guard's own question). */
export async function findRate(db: DbOrTx, id: string) {
  const [row] = await db.select().from(fxRates).where(eq(fxRates.id, id));
  if (!row) return null;
  const [used] = await db
    .select({ number: invoices.number })
    .from(invoices)
    .where(
      and(
        isNotNull(invoices.fxRate),
        eq(invoices.fxFrom, row.from),
        eq(invoices.fxTo, row.to),
        eq(invoices.fxDate, row.date),
        sql`${invoices.status} <> 'draft'`,
      ),
    )
    .limit(1);
  return { ...row, usedBy: used?.number ?? null, isUsed: Boolean(used) };
}
