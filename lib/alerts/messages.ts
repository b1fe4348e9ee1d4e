import type { UsageProjection } from "@/db/schema";
import { dec } from "@/lib/billing";
import { formatDate, formatMoney, formatNumber, formatPeriod } from "@/lib/format";
import type { CheaperTier } from "./cheaper-tier";

/** An alert email before it has an address: plain text, numbers formatted by lib/format. */
export type AlertMessage = { template: string; subject: string; text: string };

export type MessageContext = {
  resellerName: string;
  /** The distributor's brand, signing the email. */
  brand: string;
  appUrl: string;
  /** A tier's name by its code (the projection stores the code). */
  tierName: (code: string) => string;
};

const dashboard = (ctx: MessageContext) => `${ctx.appUrl}/portal/usage`;

function footer(ctx: MessageContext): string {
  return (
    `See every customer and service on your usage dashboard: ${dashboard(ctx)}\n\n` +
    "This alert is sent at most once a month. Change it or turn it off in the portal under Alerts: " +
    `${ctx.appUrl}/portal/alerts\n\n${ctx.brand}\n`
  );
}

/** Consumption as a share of the commitment, in percent with at most one decimal. */
export function shareOfCommitment(p: Pick<UsageProjection, "consumption" | "commitment">): string {
  return formatNumber(dec(p.consumption).times(100).dividedBy(p.commitment).toFixed(1, 1), 1);
}

export function usageShareMessage(
  ctx: MessageContext,
  p: UsageProjection,
  thresholdPercent: number,
): AlertMessage {
  const money = (amount: string) => formatMoney(amount, p.currency);
  const month = formatPeriod(p.period);
  const share = shareOfCommitment(p);
  return {
    template: "alert_usage_share",
    subject: `${ctx.resellerName}: ${share}% of your ${month} commitment used`,
    text:
      `Hello ${ctx.resellerName},\n\n` +
      `Your usage in ${month} has reached ${share}% of your minimum monthly commitment ` +
      `(your alert is set at ${formatNumber(thresholdPercent, 0)}%).\n\n` +
      `Consumption to ${formatDate(p.asOf)}: ${money(p.consumption)}\n` +
      `Minimum commitment (${ctx.tierName(p.tierCode)}): ${money(p.commitment)}\n` +
      `Projected consumption for the whole month: ${money(p.projectedConsumption)}\n\n` +
      footer(ctx),
  };
}

export function topUpProjectedMessage(ctx: MessageContext, p: UsageProjection): AlertMessage {
  const money = (amount: string) => formatMoney(amount, p.currency);
  const month = formatPeriod(p.period);
  return {
    template: "alert_topup_projected",
    subject: `${ctx.resellerName}: a commitment top-up of ${money(p.projectedTopUp)} is projected for ${month}`,
    text:
      `Hello ${ctx.resellerName},\n\n` +
      `If usage continues as it is, your consumption in ${month} will stay below your minimum monthly ` +
      `commitment, and the difference is invoiced as a top-up.\n\n` +
      `Projected consumption for the month: ${money(p.projectedConsumption)}\n` +
      `Minimum commitment (${ctx.tierName(p.tierCode)}): ${money(p.commitment)}\n` +
      `Projected top-up: ${money(p.projectedTopUp)}\n` +
      `Projected total with tax: ${money(p.projectedTotal)}\n` +
      `Consumption so far (to ${formatDate(p.asOf)}): ${money(p.consumption)}\n\n` +
      footer(ctx),
  };
}

export function cheaperTierMessage(ctx: MessageContext, c: CheaperTier): AlertMessage {
  const money = (amount: string) => formatMoney(amount, c.currency);
  const month = formatPeriod(c.period);
  return {
    template: "alert_cheaper_tier",
    subject: `${ctx.resellerName}: ${c.cheaper.name} would have cost ${money(c.saving)} less in ${month}`,
    text:
      `Hello ${ctx.resellerName},\n\n` +
      `Your usage in ${month} rated on ${c.cheaper.name} instead of ${c.current.name} would have cost ` +
      `${money(c.saving)} less before tax.\n\n` +
      `On ${c.current.name} (your tier): ${money(c.current.subtotal)}\n` +
      `On ${c.cheaper.name}: ${money(c.cheaper.subtotal)}\n\n` +
      "Both include the tier's minimum commitment in full. You can change your tier on the Contract page " +
      `of the portal: ${ctx.appUrl}/portal/contract\n\n` +
      footer(ctx),
  };
}
