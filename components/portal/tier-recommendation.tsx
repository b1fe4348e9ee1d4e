import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import type { TierCost, TierRecommendation } from "@/lib/dashboard/tier-recommendation";
import type { TierChangePreview, TierPreviewContext } from "@/lib/dashboard/tiers";
import { formatDate, formatMoney, formatPeriod } from "@/lib/format";
import { TierChangeDialog } from "./tier-change-dialog";

/**
 * What each tier would have cost over the reseller's last closed months (lib/dashboard/tiers
 * recommendTiers), cheapest first, with "Review change" for the tiers it can move to. Plain-data props, so
 * the contract page and the usage dashboard both render it; without `preview` it offers no review button.
 */
export function TierRecommendationCard({
  recommendation,
  preview,
  canManage,
}: {
  recommendation: TierRecommendation | null;
  preview?: TierChangePreview | null;
  canManage: boolean;
}) {
  const periods = recommendation?.periods ?? [];
  if (!recommendation || periods.length === 0) {
    return (
      <Card>
        <CardHeader title="Which tier fits your usage" />
        <EmptyState title="Recommendations appear after your first full month">
          Once a month with paid usage has closed, we rate it on every tier here and show which costs least.
        </EmptyState>
      </Card>
    );
  }
  const { currency, tiers, unpriced } = recommendation;
  const money = (amount: string) => formatMoney(amount, currency);
  const first = formatPeriod(periods[0]!);
  const span = periods.length === 1 ? first : `${first} to ${formatPeriod(periods.at(-1)!)}`;
  const targets = new Map((preview?.targets ?? []).map((t) => [t.tierCode, t]));
  const context = preview ? contextOf(preview) : null;
  const months = `${periods.length} month${periods.length === 1 ? "" : "s"}`;

  return (
    <Card>
      <CardHeader
        title="Which tier fits your usage"
        description={`Your usage in ${span} billed on every tier as if it had been in force all month, cheapest first. Amounts before tax.`}
      />
      <Table caption="Tier costs over your last months">
        <thead>
          <tr>
            <Th>Tier</Th>
            <Th numeric>{`Total, ${months}`}</Th>
            <Th numeric>Against your tier</Th>
            <Th>Change</Th>
            <Th>
              <span className="sr-only">Action</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tiers.map((tier, i) => {
            const target =
              tier.path === "upgrade" || tier.path === "downgrade" ? targets.get(tier.tierCode) : undefined;
            return (
              <tr key={tier.tierCode} className={tier.current ? "bg-slate-50" : undefined}>
                <Td className="font-medium text-slate-900">
                  <span className="flex items-center gap-2">
                    {tier.tierName}
                    {tier.current && <Badge tone="blue">Your tier</Badge>}
                    {i === 0 && <Badge tone="green">Cheapest</Badge>}
                  </span>
                </Td>
                <Td numeric>{money(tier.total)}</Td>
                <Td numeric>
                  <Saving tier={tier} currency={currency} />
                </Td>
                <Td>{pathText(tier, target?.effectiveOn)}</Td>
                <Td>
                  {target && context && (
                    <TierChangeDialog context={context} option={target} canManage={canManage} />
                  )}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <details className="border-t border-slate-100 px-5 py-3 text-sm">
        <summary className="cursor-pointer font-medium text-slate-700">Month by month</summary>
        <div className="mt-3">
          <Table caption="Tier costs by month, before tax">
            <thead>
              <tr>
                <Th>Tier</Th>
                {periods.map((p) => (
                  <Th key={p} numeric>
                    {formatPeriod(p)}
                  </Th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tiers.map((tier) => (
                <tr key={tier.tierCode}>
                  <Td className="font-medium text-slate-900">{tier.tierName}</Td>
                  {tier.perPeriod.map((p) => (
                    <Td key={p.period} numeric>
                      {money(p.subtotal)}
                      {p.rampUpWaived ? (
                        <span className="block text-xs text-emerald-700">commitment waived</span>
                      ) : (
                        /[1-9]/.test(p.topUp) && (
                          <span className="block text-xs text-slate-500">{`top-up ${money(p.topUp)}`}</span>
                        )
                      )}
                    </Td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      </details>
      {unpriced.length > 0 && (
        <p className="border-t border-slate-100 px-5 py-3 text-xs text-slate-500">
          {`Not rated in ${currency}: ${unpriced.map((u) => u.tierName).join(", ")} (no price or exchange rate for it).`}
        </p>
      )}
    </Card>
  );
}

function Saving({ tier, currency }: { tier: TierCost; currency: string }) {
  if (tier.current) return <>—</>;
  const amount = tier.savingVsCurrent;
  if (!/[1-9]/.test(amount)) return <>Same</>;
  const cheaper = !amount.startsWith("-");
  const text = formatMoney(cheaper ? amount : amount.slice(1), currency);
  return cheaper ? (
    <span className="font-semibold text-emerald-700">{`Saves ${text}`}</span>
  ) : (
    <span className="text-slate-600">{`${text} more`}</span>
  );
}

function pathText(tier: TierCost, effectiveOn: string | undefined): string {
  switch (tier.path) {
    case "current":
      return "—";
    case "upgrade":
      return "Upgrade, today";
    case "downgrade":
      return effectiveOn ? `Downgrade, ${formatDate(effectiveOn)}` : "Downgrade, 1st of next month";
    case "unavailable":
      return "Not available";
  }
}

/** What every dialog shares: the preview without its list of targets. */
function contextOf({ targets: _targets, ...context }: TierChangePreview): TierPreviewContext {
  return context;
}
