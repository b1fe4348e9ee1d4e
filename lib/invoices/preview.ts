import "server-only";
import type { Db } from "@/db/client";
import { dec, formatMoney, isPeriod } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { loadRunCatalogue } from "./billing-run";
import { loadContractInputs } from "./contract-loader";
import { pageCoveredContracts } from "./coverage";
import { periodState, shiftPeriod } from "./periods";
import { rateLoadedContract } from "./rate-contracts";

export type ContractPreview = {
  contractId: string;
  resellerId: string;
  currency: string;
  billable: boolean;
  tier: string | null;
  lines: number;
  consumption: string;
  commitment: string;
  topUp: string;
  subtotal: string;
  tax: string;
  total: string;
  /** Why the contract cannot be rated (missing price, rate…); the run would stop on it. */
  error: string | null;
};

export type CurrencyTotals = { invoices: number; subtotal: string; tax: string; total: string };

export type BillingPreview = {
  period: string;
  contracts: number;
  invoices: number;
  errors: number;
  totalsByCurrency: Record<string, CurrencyTotals>;
};

/** Streams one summary per covered contract, rated exactly as the run would; nothing is stored. */
export async function* streamBillingPreview(
  db: Db,
  period: string,
  options: { batchSize?: number } = {},
): AsyncGenerator<ContractPreview> {
  if (!isPeriod(period)) throw new AppError("validation", `Not a period (YYYY-MM): ${period}`);
  const catalogue = await loadRunCatalogue(db, period);
  for await (const ids of pageCoveredContracts(db, period, options.batchSize ?? 500)) {
    for (const loaded of await loadContractInputs(db, catalogue, ids)) {
      const base = {
        contractId: loaded.contractId,
        resellerId: loaded.resellerId,
        currency: loaded.input.currency,
      };
      try {
        const rated = rateLoadedContract(catalogue, loaded);
        if (!rated) {
          yield { ...base, ...emptyAmounts(), billable: false, tier: null, lines: 0, error: null };
          continue;
        }
        const { result } = rated;
        yield {
          ...base,
          billable: true,
          tier: result.tier,
          lines: rated.lines.length,
          consumption: result.consumption,
          commitment: result.commitment,
          topUp: result.topUp,
          subtotal: result.subtotal,
          tax: result.tax,
          total: result.total,
          error: null,
        };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        yield { ...base, ...emptyAmounts(), billable: false, tier: null, lines: 0, error: message };
      }
    }
  }
}

/** Totals per currency of what a run would draft now; `onContract` receives each summary as it streams. */
export async function previewBillingRun(
  db: Db,
  period: string,
  options: { batchSize?: number; onContract?: (preview: ContractPreview) => void } = {},
): Promise<BillingPreview> {
  const sums = new Map<
    string,
    { invoices: number; subtotal: ReturnType<typeof dec>; tax: ReturnType<typeof dec> }
  >();
  const preview: BillingPreview = { period, contracts: 0, invoices: 0, errors: 0, totalsByCurrency: {} };
  for await (const contract of streamBillingPreview(db, period, options)) {
    preview.contracts += 1;
    options.onContract?.(contract);
    if (contract.error) preview.errors += 1;
    if (!contract.billable) continue;
    preview.invoices += 1;
    const entry = sums.get(contract.currency) ?? { invoices: 0, subtotal: dec(0), tax: dec(0) };
    entry.invoices += 1;
    entry.subtotal = entry.subtotal.plus(contract.subtotal);
    entry.tax = entry.tax.plus(contract.tax);
    sums.set(contract.currency, entry);
  }
  for (const [currency, entry] of sums) {
    preview.totalsByCurrency[currency] = {
      invoices: entry.invoices,
      subtotal: formatMoney(entry.subtotal, currency),
      tax: formatMoney(entry.tax, currency),
      total: formatMoney(entry.subtotal.plus(entry.tax), currency),
    };
  }
  return preview;
}

/** A contract count per tier commitment, so a preview shows which price version's commitments it used. */
export type CommitmentSummary = { currency: string; tier: string; commitment: string; contracts: number };

/**
 * A preview as the back office shows it: `estimate` when the month is not over on `today`, `upcoming` when
 * it has not even started (next month: no usage yet, so commitments and top-ups from its price version).
 */
export type PeriodPreview = BillingPreview & {
  estimate: boolean;
  upcoming: boolean;
  commitments: CommitmentSummary[];
};

/**
 * Previews `period` on `today`: a closed month as a run would draft it now; the current month as an
 * estimate (usage so far, the month is not over); next month with the price version scheduled for it
 * (domain.md §2.2: a version for next month is prepared while this one bills); any later month is refused.
 */
export async function previewBillingPeriod(
  db: Db,
  input: { period: string; today: string },
): Promise<PeriodPreview> {
  if (!isPeriod(input.period)) throw new AppError("validation", `Not a period (YYYY-MM): ${input.period}`);
  const state = periodState(input.period, input.today);
  const next = shiftPeriod(input.today.slice(0, 7), 1);
  if (state === "future" && input.period !== next) {
    throw new AppError(
      "validation",
      `${input.period} has not started yet: only next month (${next}) can be previewed before it starts`,
    );
  }
  const byKey = new Map<string, CommitmentSummary>();
  const preview = await previewBillingRun(db, input.period, {
    onContract: (c) => {
      if (!c.billable || !c.tier) return;
      const commitment = formatMoney(dec(c.commitment), c.currency);
      const key = `${c.currency}|${c.tier}|${commitment}`;
      const entry = byKey.get(key) ?? { currency: c.currency, tier: c.tier, commitment, contracts: 0 };
      entry.contracts += 1;
      byKey.set(key, entry);
    },
  });
  const commitments = [...byKey.values()].sort(
    (a, b) => a.currency.localeCompare(b.currency) || a.tier.localeCompare(b.tier),
  );
  return { ...preview, estimate: state !== "closed", upcoming: state === "future", commitments };
}

function emptyAmounts() {
  return { consumption: "0", commitment: "0", topUp: "0", subtotal: "0", tax: "0", total: "0" };
}
