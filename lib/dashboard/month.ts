import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { resellers, skus } from "@/db/schema";
import { type Dec, dec, format4, formatMoney } from "@/lib/billing";
import type { DraftLine } from "@/lib/invoices/rate-contracts";
import { rateOrExplain } from "@/lib/invoices/rate-errors";
import { findResellerContractId } from "@/lib/portal/contract";
import { loadContractMonth } from "./contract-month";
import { historyMonths } from "./history";
import { daysElapsed, figuresOf, PROJECTION_METHOD, rateProjected, ZERO_FIGURES } from "./projection";
import { dashboardMonth, issuedInvoiceOf, lastSyncOf, requireCustomerOf, requireSku } from "./scope";
import { customerFilterOptions, splitTopCustomers } from "./top-customers";
import type { CustomerAmount, ServiceAmount, UsageFilters, UsageSummary } from "./types";

/**
 * A reseller's month for the usage dashboard (issue 12): the contract's month loaded and rated exactly as
 * its invoice (lib/invoices loaders, lib/billing engine), month to date for the current month, with the
 * projection to the month's end; customers and services from the rated lines, so the page's breakdowns
 * always add up to its figures. Filters narrow the breakdowns, never the figures (they are the invoice's).
 */
export async function usageSummary(
  db: Db,
  resellerId: string,
  filters: UsageFilters,
  today: string,
): Promise<UsageSummary> {
  const month = dashboardMonth(filters.month, today);
  const chosen = filters.customer ? await requireCustomerOf(db, resellerId, filters.customer) : null;
  if (filters.service) await requireSku(db, filters.service);
  const contractId = await findResellerContractId(db, resellerId);
  // The reads are independent: one round of queries at once, the month's load the longest of them.
  const [[reseller], lastSyncAt, services, loadedMonth, invoice] = await Promise.all([
    db.select({ currency: resellers.currency }).from(resellers).where(eq(resellers.id, resellerId)),
    lastSyncOf(db, resellerId, month.asOf),
    serviceOptions(db),
    contractId ? loadContractMonth(db, contractId, month.period, month.clipAt) : null,
    contractId ? issuedInvoiceOf(db, contractId, month.period) : null,
  ]);
  const base: UsageSummary = {
    resellerId,
    contractId,
    month: month.period,
    state: month.state,
    currency: reseller?.currency ?? "USD",
    tier: null,
    asOf: month.asOf,
    lastSyncAt,
    billable: false,
    rampUp: null,
    figures: ZERO_FIGURES,
    projection: null,
    invoice: null,
    customers: [],
    otherCustomers: null,
    services: [],
    filters,
    options: {
      months: historyMonths(today.slice(0, 7)).reverse(),
      customers: customerFilterOptions([], chosen),
      services: [],
    },
  };
  if (!contractId || !loadedMonth) return base;
  const { catalogue, loaded } = loadedMonth;
  const currency = loaded.input.currency;
  const rated = rateOrExplain(catalogue, loaded, { asOf: month.clipAt });
  if (!rated) return { ...base, currency, invoice, options: { ...base.options, services } };
  const { result } = rated;
  const projected = month.state === "current" ? rateProjected(loaded.input, today) : null;
  const usage = rated.lines.filter((line) => line.type === "usage");
  const lines = usage.filter(
    (line) =>
      (!filters.customer || line.customerId === filters.customer) &&
      (!filters.service || line.skuCode === filters.service),
  );
  // Bounded for resellers with thousands of customers: the top ones listed, the rest summed (issue 16).
  const { top, others } = splitTopCustomers(customerAmounts(lines, currency), currency);
  return {
    ...base,
    currency,
    tier: { code: result.tier, name: rated.tierName },
    billable: true,
    rampUp:
      loaded.input.contract.rampUpCycles > 0
        ? { cycle: result.cycle, cycles: loaded.input.contract.rampUpCycles }
        : null,
    figures: figuresOf(result),
    projection:
      projected?.billable === true
        ? {
            ...figuresOf(projected),
            method: PROJECTION_METHOD,
            daysElapsed: daysElapsed(month.period, today),
            daysInMonth: result.periodDays,
          }
        : null,
    invoice,
    customers: top,
    otherCustomers: others,
    services: serviceAmounts(lines, currency),
    options: {
      ...base.options,
      // Ranked over the whole month, whatever the filters narrow.
      customers: customerFilterOptions(customerAmounts(usage, currency), chosen),
      services,
    },
  };
}

/** Usage lines summed per customer, largest first (name, then id, on ties). */
export function customerAmounts(lines: readonly DraftLine[], currency: string): CustomerAmount[] {
  const byCustomer = new Map<string, { id: string; name: string; amount: Dec; services: number }>();
  for (const line of lines) {
    if (line.type !== "usage" || !line.customerId) continue;
    const entry = byCustomer.get(line.customerId) ?? {
      id: line.customerId,
      name: line.customerName ?? line.customerId,
      amount: dec(0),
      services: 0,
    };
    entry.amount = entry.amount.plus(line.amount);
    entry.services += 1;
    byCustomer.set(line.customerId, entry);
  }
  return [...byCustomer.values()]
    .sort((a, b) => b.amount.comparedTo(a.amount) || compare(a.name, b.name) || compare(a.id, b.id))
    .map((c) => ({ id: c.id, name: c.name, amount: formatMoney(c.amount, currency), services: c.services }));
}

/** Usage lines summed per service, largest first. */
export function serviceAmounts(lines: readonly DraftLine[], currency: string): ServiceAmount[] {
  const bySku = new Map<string, { sku: string; name: string; unit: string; quantity: Dec; amount: Dec }>();
  for (const line of lines) {
    if (line.type !== "usage" || !line.skuCode) continue;
    const entry = bySku.get(line.skuCode) ?? {
      sku: line.skuCode,
      name: line.description,
      unit: line.unit ?? "",
      quantity: dec(0),
      amount: dec(0),
    };
    entry.quantity = entry.quantity.plus(line.quantity ?? "0");
    entry.amount = entry.amount.plus(line.amount);
    bySku.set(line.skuCode, entry);
  }
  return [...bySku.values()]
    .sort((a, b) => b.amount.comparedTo(a.amount) || compare(a.sku, b.sku))
    .map((s) => ({
      sku: s.sku,
      name: s.name,
      unit: s.unit,
      quantity: format4(s.quantity),
      amount: formatMoney(s.amount, currency),
    }));
}

/** Every service of the catalogue, by name: a filter may ask for one not used this month. */
async function serviceOptions(db: Db) {
  return db.select({ sku: skus.code, name: skus.name }).from(skus).orderBy(asc(skus.name));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
