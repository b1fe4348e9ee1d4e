import "server-only";
import type { Db } from "@/db/client";
import { getAdminOverview } from "@/lib/admin/queries";
import { isIsoDate } from "@/lib/billing";
import { adminUsageOverview } from "@/lib/dashboard/overview";
import type { AdminUsageOverview } from "@/lib/dashboard/types";
import { AppError } from "@/lib/errors/app-error";
import { shiftPeriod } from "@/lib/invoices/periods";
import { failedJobs, type TrialFigures, topUpInvoices, trialFigures } from "./home-queries";

type Month = AdminUsageOverview["months"][number];

export type BackOfficeHome = {
  /** The base currency every money figure is in. */
  currency: string | null;
  /** Why the money figures are missing (a missing FX rate), or null. */
  moneyError: string | null;
  /** The last closed month from its issued and paid invoices, converted like the usage overview. */
  lastMonth: (Month & { topUpInvoices: number }) | null;
  /** This month projected to its end (usage_projections), null before the first sync. */
  thisMonth: Month | null;
  asOf: string | null;
  /** Twelve months for the chart: closed months billed, this month projected. */
  months: Month[];
  trials: TrialFigures;
  failures: Awaited<ReturnType<typeof failedJobs>>;
  counters: Awaited<ReturnType<typeof getAdminOverview>>;
};

/**
 * The back-office home's figures. Money comes from lib/dashboard's usage overview (issued invoices of closed
 * months and this month's projections, each currency converted to the base currency at the month's rate),
 * so the home and /admin/usage never disagree; a missing FX rate leaves the other cards working.
 */
export async function backOfficeHome(db: Db, input: { today: string }): Promise<BackOfficeHome> {
  const { today } = input;
  if (!isIsoDate(today)) throw new AppError("validation", "today must be a date YYYY-MM-DD");
  const lastPeriod = shiftPeriod(today.slice(0, 7), -1);
  const [overview, topUps, trials, failures, counters] = await Promise.all([
    adminUsageOverview(db, { today }).then(
      (value) => ({ value, error: null }),
      (error: unknown) => {
        if (error instanceof AppError && error.code === "conflict")
          return { value: null, error: error.message };
        throw error;
      },
    ),
    topUpInvoices(db, lastPeriod),
    trialFigures(db, today),
    failedJobs(db),
    getAdminOverview(db),
  ]);
  const months = overview.value?.months ?? [];
  const last = months.find((m) => m.month === lastPeriod) ?? null;
  const current = months.at(-1);
  return {
    currency: overview.value?.currency ?? null,
    moneyError: overview.error,
    lastMonth: last ? { ...last, topUpInvoices: topUps } : null,
    thisMonth: overview.value?.asOf && current?.source === "projection" ? current : null,
    asOf: overview.value?.asOf ?? null,
    months,
    trials,
    failures,
    counters,
  };
}
