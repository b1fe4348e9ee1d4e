import type { IsoDate } from "./dates";
import { BillingError } from "./errors";
import { convert, type FxConversion, type FxRate, findFxRate, NO_CONVERSION } from "./fx";
import { type Dec, dec, roundMinor } from "./money";
import type { ContractTerms, TierDefinition } from "./types";

/** Step 2 of §5: the tier whose `from` is the latest on or before `day` (upgrades and downgrades alike). */
export function tierInForce(tiers: ContractTerms["tiers"], day: IsoDate): string {
  let best: ContractTerms["tiers"][number] | null = null;
  for (const entry of tiers) {
    if (entry.from <= day && (!best || entry.from >= best.from)) best = entry;
  }
  if (!best) throw new BillingError("no_tier_in_force", `The contract has no tier in force on ${day}`);
  return best.tier;
}

export type CommitmentInput = {
  tiers: readonly TierDefinition[];
  tier: string;
  currency: string;
  fxRates: readonly FxRate[];
  invoiceDate: IsoDate;
  activeDays: number;
  periodDays: number;
};

/**
 * Step 6 of §5: the tier's commitment in the invoice currency — its explicit amount in that currency, else
 * USD × FX — prorated by active days when the window is partial, rounded once to minor units.
 * A zero USD commitment needs no rate (zero in any currency), so T0 never fails for a missing rate.
 */
export function commitmentFor(input: CommitmentInput): { amount: Dec; fx: FxConversion } {
  const definition = input.tiers.find((tier) => tier.code === input.tier);
  if (!definition) throw new BillingError("unknown_tier", `Tier ${input.tier} is not in the tier list`);
  const { amount: full, fx } = monthlyCommitment(definition, input);
  const prorated =
    input.activeDays < input.periodDays ? full.times(input.activeDays).dividedBy(input.periodDays) : full;
  return { amount: roundMinor(prorated, input.currency), fx };
}

function monthlyCommitment(definition: TierDefinition, input: CommitmentInput) {
  const explicit = definition.commitment[input.currency];
  if (explicit !== undefined) return { amount: dec(explicit), fx: NO_CONVERSION };
  const usd = definition.commitment.USD;
  if (usd === undefined) {
    const message = `Tier ${definition.code} has no commitment in ${input.currency} or USD`;
    throw new BillingError("missing_commitment", message);
  }
  if (dec(usd).isZero()) return { amount: dec(0), fx: NO_CONVERSION };
  const fx = findFxRate(input.fxRates, "USD", input.currency, input.invoiceDate);
  return { amount: convert(dec(usd), fx), fx };
}

/** Step 7 of §5: the commitment is waived while the period's cycle is within the ramp-up cycles. */
export function isRampUpCycle(cycle: number, rampUpCycles: number): boolean {
  return cycle >= 1 && cycle <= rampUpCycles;
}
