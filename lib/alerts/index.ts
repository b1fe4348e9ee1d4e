import "server-only";
import type { Db } from "@/db/client";
import { refreshProjections } from "@/lib/dashboard/projections-store";
import { log } from "@/lib/log";
import { evaluateAlerts } from "./evaluate";

// Reseller alerts (issue 12): rules, evaluation after each usage sync, the glue the sync worker calls.
export { type AlertEvaluationResult, evaluateAlerts } from "./evaluate";
export {
  ALERT_KINDS,
  type AlertDeliveryView,
  type AlertKind,
  type AlertRuleSettings,
  type AlertRulesInput,
  alertRulesSchema,
  getAlertRules,
  listAlertDeliveries,
  type ResellerAlertRules,
  saveAlertRules,
} from "./rules";

/**
 * What follows a successful usage sync: the projections of every contract, then the alerts that stand on
 * them. Never throws: a failure is logged and the sync stays a success (the next sync tries again).
 */
export async function afterUsageSync(
  db: Db,
  today: string,
  options: { appUrl?: string } = {},
): Promise<void> {
  try {
    const projections = await refreshProjections(db, { today });
    log.info({ ...projections }, "[projections] refreshed");
  } catch (error) {
    log.error({ err: error, today }, "[projections] refresh failed");
    return;
  }
  try {
    const alerts = await evaluateAlerts(db, { today, appUrl: options.appUrl });
    if (alerts.sent > 0 || alerts.failed > 0) log.info({ ...alerts }, "[alerts] evaluated");
  } catch (error) {
    log.error({ err: error, today }, "[alerts] evaluation failed");
  }
}
