import "server-only";
import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invoiceLines, invoices, resellers } from "@/db/schema";
import { dec, formatMoney } from "@/lib/billing";
import { shiftPeriod } from "@/lib/invoices/periods";
import { rateOrExplain } from "@/lib/invoices/rate-errors";
import { findResellerContractId } from "@/lib/portal/contract";
import { loadContractMonth } from "./contract-month";
import { dailyQuantities } from "./customer-days";
import { dashboardMonth, requireCustomerOf } from "./scope";
import type { CustomerUsage, MonthlyHistory } from "./types";

export const HISTORY_MONTHS = 12;

/** The months of a history ending with `last`, oldest first. */
export function historyMonths(last: string, count = HISTORY_MONTHS): string[] {
  return Array.from({ length: count }, (_, i) => shiftPeriod(last, i - count + 1));
}

/** Issued (or paid) invoices count as billed; drafts are not shown and voided ones were never owed. */
const BILLED = ["issued", "paid"] as const;

/**
 * Twelve months of billed totals ending with `month` (default the current one): issued invoices where they
 * exist; a month without one (the current month, or a closed month not yet billed) is rated by the engine as
 * an estimate (month to date for the current month).
 */
export async function monthlyHistory(
  db: Db,
  resellerId: string,
  input: { month?: string },
  today: string,
): Promise<MonthlyHistory> {
  const last = dashboardMonth(input.month, today);
  const months = historyMonths(last.period);
  const [[reseller], rows, contractId] = await Promise.all([
    db.select({ currency: resellers.currency }).from(resellers).where(eq(resellers.id, resellerId)),
    db
      .select({
        id: invoices.id,
        period: invoices.period,
        currency: invoices.currency,
        consumption: invoices.consumption,
        commitment: invoices.commitment,
        topUp: invoices.topUp,
        rampUpWaived: invoices.rampUpWaived,
        total: invoices.total,
      })
      .from(invoices)
      .where(
        and(
          eq(invoices.resellerId, resellerId),
          inArray(invoices.status, [...BILLED]),
          gte(invoices.period, months[0] as string),
          lte(invoices.period, last.period),
        ),
      )
      .orderBy(asc(invoices.period)),
    findResellerContractId(db, resellerId),
  ]);
  const currency = rows.at(-1)?.currency ?? reseller?.currency ?? "USD";
  const byPeriod = new Map(rows.map((row) => [row.period, row]));
  // Months without an invoice are rated, each on its own load: all at once.
  const settled = await Promise.allSettled(
    months
      .filter((period) => !byPeriod.has(period) && contractId)
      .map(async (period) => [period, await estimateMonth(db, contractId as string, period, today)] as const),
  );
  // The oldest month that could not be rated is the one reported, as when they were rated in turn.
  const failed = settled.find((outcome) => outcome.status === "rejected");
  if (failed) throw failed.reason;
  const estimates = new Map(
    settled.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : [])),
  );
  const result: MonthlyHistory = { currency, months: [] };
  for (const period of months) {
    const invoice = byPeriod.get(period);
    if (invoice) {
      result.months.push({
        month: period,
        source: "invoice",
        invoiceId: invoice.id,
        consumption: formatMoney(dec(invoice.consumption), invoice.currency),
        commitment: formatMoney(dec(invoice.commitment), invoice.currency),
        topUp: formatMoney(dec(invoice.topUp), invoice.currency),
        rampUpWaived: invoice.rampUpWaived,
        total: formatMoney(dec(invoice.total), invoice.currency),
      });
      continue;
    }
    result.months.push(
      estimates.get(period) ?? {
        month: period,
        source: "none",
        invoiceId: null,
        consumption: "0",
        commitment: "0",
        topUp: "0",
        rampUpWaived: false,
        total: "0",
      },
    );
  }
  return result;
}

async function estimateMonth(db: Db, contractId: string, period: string, today: string) {
  const month = dashboardMonth(period, today);
  const loadedMonth = await loadContractMonth(db, contractId, period, month.clipAt);
  if (!loadedMonth) return null;
  const rated = rateOrExplain(loadedMonth.catalogue, loadedMonth.loaded, { asOf: month.clipAt });
  if (!rated) return null;
  const { result } = rated;
  return {
    month: period,
    source: "estimate" as const,
    invoiceId: null,
    consumption: result.consumption,
    commitment: result.commitment,
    topUp: result.topUp,
    rampUpWaived: result.rampUpWaived,
    total: result.total,
  };
}

/**
 * One customer's page: its services day by day in billing units (the billed day marked), its cost per
 * service to date from the same rated month as the dashboard, its consumption month by month, and its lines
 * on issued invoices. 404 when the customer is not the reseller's.
 */
export async function customerUsage(
  db: Db,
  resellerId: string,
  customerId: string,
  input: { month?: string },
  today: string,
): Promise<CustomerUsage> {
  const month = dashboardMonth(input.month, today);
  const {
    pricingMode: _mode,
    billed,
    ...customer
  } = await requireCustomerOf(db, resellerId, customerId, month.period);
  // The reads are independent: one round of queries at once.
  const [loadedMonth, [reseller], services, lineRows] = await Promise.all([
    findResellerContractId(db, resellerId).then((contractId) =>
      contractId ? loadContractMonth(db, contractId, month.period, month.clipAt) : null,
    ),
    db.select({ currency: resellers.currency }).from(resellers).where(eq(resellers.id, resellerId)),
    dailyQuantities(db, customerId, month.period, month.asOf),
    db
      .select({
        invoiceId: invoices.id,
        invoiceNumber: invoices.number,
        period: invoices.period,
        currency: invoices.currency,
        sku: invoiceLines.skuCode,
        description: invoiceLines.description,
        quantity: invoiceLines.quantity,
        unit: invoiceLines.unit,
        unitPrice: invoiceLines.unitPrice,
        amount: invoiceLines.amount,
      })
      .from(invoiceLines)
      .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
      .where(
        and(
          eq(invoiceLines.customerId, customerId),
          eq(invoices.resellerId, resellerId),
          inArray(invoices.status, [...BILLED]),
        ),
      )
      .orderBy(asc(invoices.period), asc(invoiceLines.position)),
  ]);
  const currency = loadedMonth?.loaded.input.currency ?? reseller?.currency ?? "USD";

  const rated = loadedMonth
    ? rateOrExplain(loadedMonth.catalogue, loadedMonth.loaded, { asOf: month.clipAt })
    : null;
  const amounts = new Map<string, string>();
  let total = dec(0);
  for (const line of rated?.lines ?? []) {
    if (line.type !== "usage" || line.customerId !== customerId || !line.skuCode) continue;
    amounts.set(line.skuCode, line.amount);
    total = total.plus(line.amount);
  }

  const months = historyMonths(month.period);
  const billedByPeriod = new Map<string, ReturnType<typeof dec>>();
  for (const row of lineRows) {
    billedByPeriod.set(row.period, (billedByPeriod.get(row.period) ?? dec(0)).plus(row.amount));
  }
  const history: CustomerUsage["history"] = [];
  for (const period of months) {
    const billed = billedByPeriod.get(period);
    if (billed) history.push({ month: period, amount: formatMoney(billed, currency), source: "invoice" });
    else if (period === month.period && rated)
      history.push({ month: period, amount: formatMoney(total, currency), source: "estimate" });
  }

  return {
    customer: { ...customer, billed: billed === true },
    month: month.period,
    currency,
    services: services.map((s) => ({ ...s, amount: amounts.get(s.sku) ?? formatMoney(dec(0), currency) })),
    total: formatMoney(total, currency),
    history,
    invoiceLines: lineRows
      .filter((row) => row.sku)
      .reverse()
      .map((row) => ({
        invoiceId: row.invoiceId,
        invoiceNumber: row.invoiceNumber,
        period: row.period,
        sku: row.sku as string,
        description: row.description,
        quantity: row.quantity ?? "0",
        unit: row.unit ?? "",
        unitPrice: row.unitPrice ?? "0",
        amount: formatMoney(dec(row.amount), row.currency),
      })),
  };
}
