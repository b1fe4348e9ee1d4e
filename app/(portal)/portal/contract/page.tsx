import { TierChangeDialog } from "@/components/portal/tier-change-dialog";
import { TierRecommendationCard } from "@/components/portal/tier-recommendation";
import { StateBadge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { can } from "@/lib/auth/permissions";
import { recommendTiers } from "@/lib/dashboard/tier-recommendation";
import { previewTierChanges, type TierChangePreview, type TierPreviewContext } from "@/lib/dashboard/tiers";
import { formatDate, formatDateTime, formatMoney, formatUnitPrice } from "@/lib/format";
import { getContractPage } from "@/lib/portal/contract";
import { ActionButton } from "./action-button";
import {
  cancelContractAction,
  cancelConversionAction,
  convertTrialAction,
  withdrawCancellationAction,
  withdrawDowngradeAction,
} from "./actions";

export const metadata = { title: "Contract" };

export default async function ContractPage() {
  const ctx = await pageContext("portal:read", "/portal/contract");
  const resellerId = requireResellerScope(ctx);
  const page = await getContractPage(ctx.db, resellerId, ctx.today);
  if (!page) {
    return (
      <>
        <PageHeader title="Contract" />
        <Card>
          <EmptyState title="No contract yet">
            Choose a tier or start a free trial from the plans page.
          </EmptyState>
        </Card>
      </>
    );
  }
  const { view, commitments, nextFirst } = page;
  const { contract, tier } = view;
  const currency = contract.currency;
  const canManage = can(ctx.user.role, "portal:manage");
  const money = (tierId: string) => {
    const amount = commitments.get(tierId);
    return amount ? formatMoney(amount, currency) : "—";
  };
  // Every change priced on the server by the billing engine, the month loaded once; no fetch from the page.
  const [preview, recommendation] = await Promise.all([
    previewTierChanges(ctx.db, resellerId, ctx.today, { view }),
    recommendTiers(ctx.db, resellerId, ctx.today, { view }),
  ]);
  const targets = preview?.targets ?? [];
  // The table shows the first two main services; the dialog shows them all.
  const services = targets[0]?.unitPrices.slice(0, 2) ?? [];

  return (
    <>
      <PageHeader
        title="Contract"
        description="Your commitment contract: tier, trial, ramp-up and changes."
      />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader title={tier.name} description="Tier in force today" />
          <CardBody>
            <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4 lg:grid-cols-6 [&_dt]:text-xs [&_dt]:uppercase [&_dt]:tracking-wide">
              <dt className="text-slate-500">State</dt>
              <dd>
                <StateBadge state={contract.state} />
              </dd>
              <dt className="text-slate-500">Minimum commitment</dt>
              <dd className="tabular-nums">{money(tier.id)} / month</dd>
              <dt className="text-slate-500">Currency</dt>
              <dd>{currency}</dd>
              <dt className="text-slate-500">Paid since</dt>
              <dd>{formatDate(contract.paidStart)}</dd>
              <dt className="text-slate-500">Ramp-up</dt>
              <dd>
                {view.rampUp.cycles === 0
                  ? "None"
                  : view.rampUp.inRampUp
                    ? `Cycle ${view.rampUp.currentCycle} of ${view.rampUp.cycles}: commitment waived`
                    : `${view.rampUp.cycles} cycle(s), finished`}
              </dd>
              {contract.endDate && (
                <>
                  <dt className="text-slate-500">Ends</dt>
                  <dd className="font-medium text-amber-800">{formatDate(contract.endDate)}</dd>
                </>
              )}
            </dl>
          </CardBody>
        </Card>

        <div className="flex flex-col gap-6">
          {view.trialDaysLeft !== null && (
            <Card>
              <CardHeader
                title={`Free trial: ${view.trialDaysLeft} day${view.trialDaysLeft === 1 ? "" : "s"} left`}
                description={`Your trial ends on ${formatDate(contract.trialEndsOn)}.`}
              />
              <CardBody className="flex flex-col gap-4 text-sm text-slate-600">
                {contract.conversionScheduledOn ? (
                  <>
                    <p>
                      Your trial converts to a paid contract on {formatDate(contract.conversionScheduledOn)}.
                    </p>
                    {canManage && (
                      <ActionButton action={cancelConversionAction} label="Cancel the scheduled conversion" />
                    )}
                  </>
                ) : (
                  <>
                    <p>
                      Converting on the 1st of next month is recommended: Acronis bills a mid-month switch to
                      production for the whole month.
                    </p>
                    {canManage && (
                      <div className="flex flex-wrap gap-3">
                        <ActionButton
                          action={convertTrialAction}
                          fields={{ when: "next_month" }}
                          variant="primary"
                          label={`Convert on ${formatDate(nextFirst)}`}
                        />
                        <ActionButton
                          action={convertTrialAction}
                          fields={{ when: "now" }}
                          label="Convert now"
                          confirm="Convert now? Billing starts today."
                        />
                      </div>
                    )}
                  </>
                )}
              </CardBody>
            </Card>
          )}

          {view.pendingChange && (
            <Card className="border-amber-300">
              <CardHeader
                title={`Downgrade to ${view.pendingChange.toTier.name} scheduled`}
                description={`Takes effect on ${formatDate(view.pendingChange.effectiveOn)}. You can withdraw it until then.`}
                action={
                  canManage ? (
                    <ActionButton action={withdrawDowngradeAction} label="Withdraw downgrade" />
                  ) : undefined
                }
              />
            </Card>
          )}

          <Card>
            <CardHeader
              title="Change tier"
              description="Upgrades apply at once and bill the whole month; downgrades apply on the 1st of next month. Review a change to see what it costs first."
            />
            {targets.length === 0 ? (
              <EmptyState title="No tier changes available">
                {contract.endDate
                  ? "Your contract is ending."
                  : view.pendingChange
                    ? "Withdraw the scheduled downgrade to choose another one."
                    : "Your current state does not allow a tier change."}
              </EmptyState>
            ) : (
              <Table caption="Tier changes">
                <thead>
                  <tr>
                    <Th>Tier</Th>
                    <Th numeric>Commitment / month</Th>
                    {services.map((s) => (
                      <Th key={s.sku} numeric>
                        {s.name}
                      </Th>
                    ))}
                    <Th>Effective</Th>
                    <Th>
                      <span className="sr-only">Action</span>
                    </Th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {targets.map((t) => (
                    <tr key={t.tierCode}>
                      <Td className="font-medium text-slate-900">{t.tierName}</Td>
                      <Td numeric>{formatMoney(t.commitment, currency)}</Td>
                      {services.map((s) => {
                        const price = t.unitPrices.find((p) => p.sku === s.sku)?.price;
                        return (
                          <Td key={s.sku} numeric>
                            {price ? formatUnitPrice(price, currency) : "—"}
                          </Td>
                        );
                      })}
                      <Td>
                        {t.direction === "upgrade"
                          ? "Upgrade, today"
                          : `Downgrade, ${formatDate(t.effectiveOn)}`}
                      </Td>
                      <Td>
                        {preview && (
                          <TierChangeDialog context={contextOf(preview)} option={t} canManage={canManage} />
                        )}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Card>

          <TierRecommendationCard recommendation={recommendation} preview={preview} canManage={canManage} />

          {canManage && (contract.state === "active" || contract.state === "trial") && (
            <Card>
              <CardHeader
                title={contract.endDate ? "Cancellation scheduled" : "Cancel contract"}
                description={
                  contract.endDate
                    ? `Your contract ends on ${formatDate(contract.endDate)}; this month is billed in full.`
                    : "Cancelling ends your contract at the end of this month; this month is billed in full, then your Acronis tenant is disabled."
                }
                action={
                  contract.endDate ? (
                    <ActionButton action={withdrawCancellationAction} label="Keep my contract" />
                  ) : (
                    <ActionButton
                      action={cancelContractAction}
                      variant="danger"
                      label="Cancel at month end"
                      confirm="Cancel your contract at the end of this month?"
                    />
                  )
                }
              />
            </Card>
          )}

          <Card>
            <CardHeader title="History" />
            {view.events.length === 0 ? (
              <EmptyState title="Nothing yet" />
            ) : (
              <ol className="divide-y divide-slate-100 text-sm">
                {view.events.map((e) => (
                  <li key={e.id} className="flex items-center justify-between gap-4 px-5 py-2.5">
                    <span className="text-slate-800">{e.event.replaceAll("_", " ")}</span>
                    <span className="text-xs text-slate-500">{formatDateTime(e.at)}</span>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}

/** What every dialog shares: the preview without its list of targets. */
function contextOf({ targets: _targets, ...context }: TierChangePreview): TierPreviewContext {
  return context;
}
