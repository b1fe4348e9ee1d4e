import { dec, formatMoney } from "@/lib/billing/money";
import type { CustomerAmount, OtherCustomers } from "./types";

/** The usage dashboard's customer table lists this many; the rest are one summed row (issue 16). */
export const TOP_CUSTOMERS = 25;
/** Its customer filter offers at most this many (those costing the most), plus the one chosen. */
export const FILTER_CUSTOMERS = 100;

/**
 * The first `limit` of customers ranked largest first, and the others summed, so a reseller with thousands
 * of customers gets a bounded table that still adds up to the month. Pure.
 */
export function splitTopCustomers(
  ranked: readonly CustomerAmount[],
  currency: string,
  limit: number = TOP_CUSTOMERS,
): { top: CustomerAmount[]; others: OtherCustomers | null } {
  const top = ranked.slice(0, limit);
  const rest = ranked.slice(limit);
  if (rest.length === 0) return { top, others: null };
  const amount = rest.reduce((sum, c) => sum.plus(c.amount), dec(0));
  return { top, others: { count: rest.length, amount: formatMoney(amount, currency) } };
}

/**
 * What the customer filter offers: the customers costing the most in the month (ranked largest first, at
 * most `limit`) by name, and the chosen one wherever it ranks. Pure.
 */
export function customerFilterOptions(
  ranked: readonly CustomerAmount[],
  chosen: { id: string; name: string } | null,
  limit: number = FILTER_CUSTOMERS,
): { id: string; name: string }[] {
  const options = ranked.slice(0, limit).map((c) => ({ id: c.id, name: c.name }));
  if (chosen && !options.some((o) => o.id === chosen.id)) options.push({ id: chosen.id, name: chosen.name });
  return options.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
}
