// Reconciliation's comparison (issue 14, item 8): what Acronis reports for a reseller's customers next to what
// Tierline's issued invoices billed them, per service and per customer. Pure: rows in, rows out, no clock.
import { type Dec, dec, format4, formatFixed, minorUnits, round4, roundMinor } from "@/lib/billing";

const ZERO = dec(0);
const HUNDRED = dec(100);

export type ReconSku = {
  code: string;
  name: string;
  unit: string;
  aggregation: "peak" | "last";
  /** Acronis units per billing unit (bytes → GB: 2^30). */
  divisor: string;
};

/**
 * One customer's usage of one SKU in the reseller's billed window, in Acronis units, production only: the
 * largest day and the latest day's value (each day summed over the report's rows, e.g. storage per
 * infrastructure), so the SKU's own aggregation picks the figure exactly as a billing run does.
 */
export type AcronisQuantity = {
  resellerId: string;
  customerId: string;
  skuCode: string;
  peak: string;
  last: string;
};

/** The usage lines of a reseller's issued invoices for the month, per customer and SKU, in billing units. */
export type BilledQuantity = {
  resellerId: string;
  customerId: string;
  skuCode: string;
  quantity: string;
  /** The line's unit price in `currency`; null only on a line without one. */
  unitPrice: string | null;
  currency: string;
};

export type ReconCustomer = { id: string; name: string; path: string; resellerId: string };
export type ReconReseller = {
  id: string;
  name: string;
  /** Whether the reseller has an issued (or paid) invoice for the month. */
  invoiced: boolean;
};

export type CompareInput = {
  /** Percent of Acronis's quantity a difference may reach before it is flagged (the distributor setting). */
  tolerancePercent: string;
  skus: readonly ReconSku[];
  resellers: readonly ReconReseller[];
  customers: readonly ReconCustomer[];
  acronis: readonly AcronisQuantity[];
  billed: readonly BilledQuantity[];
};

/** Why a row is flagged: usage Tierline did not bill, a difference beyond the tolerance, or billing without usage. */
export type FlagReason = "not_billed" | "over_tolerance" | "billed_without_usage";

export type Money = { currency: string; amount: string };

export type CustomerRow = {
  resellerId: string;
  customerId: string;
  customerName: string;
  /** Where the customer sits under the reseller's tenant ("" when directly under it). */
  customerPath: string;
  skuCode: string;
  skuName: string;
  unit: string;
  /** 4 decimals, billing units. */
  acronisQuantity: string;
  billedQuantity: string;
  /** Acronis − billed: positive when Tierline billed less than Acronis reports. */
  difference: string;
  /** |difference| ÷ Acronis × 100, 2 decimals; null when Acronis reports none. */
  differencePercent: string | null;
  unitPrice: string | null;
  /** difference × unit price in the invoice currency, rounded to its minor units; null without a price. */
  atStake: Money | null;
  flagged: boolean;
  reason: FlagReason | null;
};

export type ServiceRow = {
  skuCode: string;
  skuName: string;
  unit: string;
  acronisQuantity: string;
  billedQuantity: string;
  difference: string;
  differencePercent: string | null;
  flagged: boolean;
  reason: FlagReason | null;
  /** The customers behind the figures that differ, flagged ones first, then by size of the difference. */
  customers: CustomerRow[];
  atStake: Money[];
};

export type ResellerRow = {
  resellerId: string;
  name: string;
  invoiced: boolean;
  services: ServiceRow[];
  flaggedServices: number;
  atStake: Money[];
};

export type Comparison = {
  resellers: ResellerRow[];
  /** Every customer × SKU with a quantity on either side, in reseller, customer, SKU order (the CSV). */
  rows: CustomerRow[];
  flaggedResellers: number;
  flaggedServices: number;
  flaggedCustomers: number;
  atStake: Money[];
};

/** The SKU's billable quantity from Acronis units, as the billing run computes it (domain.md §2.3). */
export function toBillingUnits(sku: ReconSku, peak: string, last: string): Dec {
  const raw = dec(sku.aggregation === "peak" ? peak : last);
  return round4(raw.dividedBy(dec(sku.divisor)));
}

/**
 * Whether a difference is flagged: by any amount when Acronis reports nothing (Tierline billed usage Acronis
 * does not know), when Tierline billed nothing for usage Acronis reports, or when it exceeds the tolerance
 * as a percentage of Acronis's quantity.
 */
export function flagReason(acronis: Dec, billed: Dec, tolerancePercent: Dec): FlagReason | null {
  const difference = acronis.minus(billed);
  if (difference.isZero()) return null;
  if (acronis.isZero()) return "billed_without_usage";
  if (billed.isZero()) return "not_billed";
  const percent = difference.abs().dividedBy(acronis).times(HUNDRED);
  return percent.greaterThan(tolerancePercent) ? "over_tolerance" : null;
}

function percentOf(difference: Dec, acronis: Dec): string | null {
  return acronis.isZero() ? null : formatFixed(difference.abs().dividedBy(acronis).times(HUNDRED), 2);
}

/** An amount in `currency`, rounded to and printed with its minor units ("20.00", JPY "20"). */
function moneyOf(amount: Dec, currency: string): Money {
  const places = minorUnits(currency);
  return { currency, amount: formatFixed(roundMinor(amount, currency), places) };
}

function addMoney(totals: Map<string, Dec>, money: Money | null) {
  if (money) totals.set(money.currency, (totals.get(money.currency) ?? ZERO).plus(money.amount));
}

function moneyList(totals: Map<string, Dec>): Money[] {
  return [...totals]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, amount]) => moneyOf(amount, currency));
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const key = (...parts: string[]) => parts.join("\u0000");

type Cell = {
  resellerId: string;
  customerId: string;
  skuCode: string;
  acronis: Dec;
  billed: BilledQuantity | null;
};

/**
 * Compares Acronis's quantities with the billed ones. A reseller × service is flagged when its total differs
 * beyond the tolerance or any one of its customers does (a customer billed nothing for usage Acronis reports
 * always is), so two customers' differences cannot cancel out unseen.
 */
export function compareUsage(input: CompareInput): Comparison {
  const tolerance = dec(input.tolerancePercent);
  const skus = new Map(input.skus.map((s) => [s.code, s]));
  const customers = new Map(input.customers.map((c) => [c.id, c]));
  const cells = new Map<string, Cell>();
  const cellOf = (resellerId: string, customerId: string, skuCode: string) => {
    const k = key(resellerId, customerId, skuCode);
    let cell = cells.get(k);
    if (!cell) {
      cell = { resellerId, customerId, skuCode, acronis: ZERO, billed: null };
      cells.set(k, cell);
    }
    return cell;
  };
  for (const row of input.acronis) {
    const sku = skus.get(row.skuCode);
    if (!sku) throw new Error(`Acronis usage of ${row.skuCode} has no SKU definition`);
    const cell = cellOf(row.resellerId, row.customerId, row.skuCode);
    cell.acronis = cell.acronis.plus(toBillingUnits(sku, row.peak, row.last));
  }
  // A reseller's unit price per SKU (one invoice, one tier): it prices a customer the invoice has no line for.
  const resellerPrice = new Map<string, { unitPrice: string; currency: string }>();
  for (const line of input.billed) {
    const cell = cellOf(line.resellerId, line.customerId, line.skuCode);
    cell.billed = cell.billed
      ? { ...cell.billed, quantity: dec(cell.billed.quantity).plus(line.quantity).toFixed() }
      : line;
    if (line.unitPrice !== null)
      resellerPrice.set(key(line.resellerId, line.skuCode), {
        unitPrice: line.unitPrice,
        currency: line.currency,
      });
  }

  const rows: CustomerRow[] = [];
  for (const cell of cells.values()) {
    const billed = cell.billed ? dec(cell.billed.quantity) : ZERO;
    if (cell.acronis.isZero() && billed.isZero()) continue;
    const sku = skus.get(cell.skuCode);
    const customer = customers.get(cell.customerId);
    const difference = cell.acronis.minus(billed);
    const price =
      cell.billed?.unitPrice != null
        ? { unitPrice: cell.billed.unitPrice, currency: cell.billed.currency }
        : (resellerPrice.get(key(cell.resellerId, cell.skuCode)) ?? null);
    const reason = flagReason(cell.acronis, billed, tolerance);
    rows.push({
      resellerId: cell.resellerId,
      customerId: cell.customerId,
      customerName: customer?.name ?? cell.customerId,
      customerPath: customer?.path ?? "",
      skuCode: cell.skuCode,
      skuName: sku?.name ?? cell.skuCode,
      unit: sku?.unit ?? "",
      acronisQuantity: format4(cell.acronis),
      billedQuantity: format4(billed),
      difference: format4(difference),
      differencePercent: percentOf(difference, cell.acronis),
      unitPrice: price?.unitPrice ?? null,
      atStake: price ? moneyOf(difference.times(price.unitPrice), price.currency) : null,
      flagged: reason !== null,
      reason,
    });
  }
  const resellerNames = new Map(input.resellers.map((r) => [r.id, r]));
  rows.sort(
    (a, b) =>
      byText(
        resellerNames.get(a.resellerId)?.name ?? a.resellerId,
        resellerNames.get(b.resellerId)?.name ?? b.resellerId,
      ) ||
      byText(a.resellerId, b.resellerId) ||
      byText(a.customerName, b.customerName) ||
      byText(a.customerId, b.customerId) ||
      byText(a.skuCode, b.skuCode),
  );
  return summarise(input, rows, tolerance);
}

function summarise(input: CompareInput, rows: CustomerRow[], tolerance: Dec): Comparison {
  const skuOrder = new Map(input.skus.map((s, i) => [s.code, i]));
  const byReseller = new Map<string, CustomerRow[]>();
  for (const row of rows) {
    const list = byReseller.get(row.resellerId) ?? [];
    list.push(row);
    byReseller.set(row.resellerId, list);
  }
  // A reseller the caller did not name still shows, under its id, rather than losing its rows.
  const named = new Set(input.resellers.map((r) => r.id));
  const all: ReconReseller[] = [
    ...input.resellers,
    ...[...byReseller.keys()].filter((id) => !named.has(id)).map((id) => ({ id, name: id, invoiced: false })),
  ];
  const resellers: ResellerRow[] = [];
  const grandAtStake = new Map<string, Dec>();
  const flaggedCustomers = new Set<string>();
  for (const reseller of all) {
    const own = byReseller.get(reseller.id) ?? [];
    if (own.length === 0 && !reseller.invoiced) continue;
    const bySku = new Map<string, CustomerRow[]>();
    for (const row of own) bySku.set(row.skuCode, [...(bySku.get(row.skuCode) ?? []), row]);
    const services: ServiceRow[] = [];
    const resellerAtStake = new Map<string, Dec>();
    for (const [skuCode, list] of bySku) {
      const acronis = list.reduce((s, r) => s.plus(r.acronisQuantity), ZERO);
      const billed = list.reduce((s, r) => s.plus(r.billedQuantity), ZERO);
      const difference = acronis.minus(billed);
      const reason = flagReason(acronis, billed, tolerance) ?? list.find((r) => r.flagged)?.reason ?? null;
      const atStake = new Map<string, Dec>();
      for (const r of list) addMoney(atStake, r.atStake);
      for (const r of list) addMoney(resellerAtStake, r.atStake);
      for (const r of list) if (r.flagged) flaggedCustomers.add(`${r.customerId}|${r.skuCode}`);
      services.push({
        skuCode,
        skuName: list[0]!.skuName,
        unit: list[0]!.unit,
        acronisQuantity: format4(acronis),
        billedQuantity: format4(billed),
        difference: format4(difference),
        differencePercent: percentOf(difference, acronis),
        flagged: reason !== null,
        reason,
        customers: list
          .filter((r) => !dec(r.difference).isZero())
          .sort(
            (a, b) =>
              Number(b.flagged) - Number(a.flagged) ||
              dec(b.difference).abs().comparedTo(dec(a.difference).abs()) ||
              byText(a.customerName, b.customerName),
          ),
        atStake: moneyList(atStake),
      });
    }
    services.sort(
      (a, b) =>
        (skuOrder.get(a.skuCode) ?? Number.MAX_SAFE_INTEGER) -
          (skuOrder.get(b.skuCode) ?? Number.MAX_SAFE_INTEGER) || byText(a.skuCode, b.skuCode),
    );
    for (const [currency, amount] of resellerAtStake)
      addMoney(grandAtStake, { currency, amount: amount.toFixed() });
    resellers.push({
      resellerId: reseller.id,
      name: reseller.name,
      invoiced: reseller.invoiced,
      services,
      flaggedServices: services.filter((s) => s.flagged).length,
      atStake: moneyList(resellerAtStake),
    });
  }
  // Flagged resellers first, then by name, so the page opens on what needs looking at.
  resellers.sort(
    (a, b) =>
      Number(b.flaggedServices > 0) - Number(a.flaggedServices > 0) ||
      byText(a.name, b.name) ||
      byText(a.resellerId, b.resellerId),
  );
  return {
    resellers,
    rows,
    flaggedResellers: resellers.filter((r) => r.flaggedServices > 0).length,
    flaggedServices: resellers.reduce((n, r) => n + r.flaggedServices, 0),
    flaggedCustomers: flaggedCustomers.size,
    atStake: moneyList(grandAtStake),
  };
}
