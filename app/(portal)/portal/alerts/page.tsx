import { PageHeader } from "@/components/ui/page-header";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { type AlertKind, getAlertRules, listAlertDeliveries } from "@/lib/alerts/rules";
import { can } from "@/lib/auth/permissions";
import { formatDateTime, formatPeriod } from "@/lib/format";
import { type AlertFormValues, AlertsForm, type SentAlert } from "./alerts-form";

export const metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const ctx = await pageContext("portal:read", "/portal/alerts");
  const resellerId = requireResellerScope(ctx);
  const [{ billingEmail, rules }, deliveries] = await Promise.all([
    getAlertRules(ctx.db, resellerId),
    listAlertDeliveries(ctx.db, resellerId, { limit: 36 }),
  ]);
  const initial: AlertFormValues = {
    usageShareEnabled: rules.usage_share.enabled,
    usageShareThreshold: String(rules.usage_share.thresholdPercent ?? ""),
    usageShareEmail: rules.usage_share.email ?? "",
    topupEnabled: rules.topup_projected.enabled,
    topupFromDay: String(rules.topup_projected.fromDay ?? ""),
    topupEmail: rules.topup_projected.email ?? "",
    cheaperTierEnabled: rules.cheaper_tier.enabled,
    cheaperTierEmail: rules.cheaper_tier.email ?? "",
  };
  const sent: Record<AlertKind, SentAlert[]> = { usage_share: [], topup_projected: [], cheaper_tier: [] };
  for (const d of deliveries) {
    if (sent[d.kind].length >= 6) continue;
    sent[d.kind].push({ month: formatPeriod(d.period), when: formatDateTime(d.sentAt), to: d.to });
  }
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Emails when your month needs a look. They are checked after every usage sync, and each is sent at most once a month."
      />
      <AlertsForm
        initial={initial}
        billingEmail={billingEmail}
        sent={sent}
        canEdit={can(ctx.user.role, "portal:manage")}
      />
    </>
  );
}
