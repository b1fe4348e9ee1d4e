import { pgEnum } from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["admin", "finance", "support", "owner", "billing", "viewer"]);
export const aggregation = pgEnum("aggregation", ["peak", "last"]);
export const priceAdjustmentKind = pgEnum("price_adjustment_kind", [
  "sell_discount",
  "cost_markup",
  "cost_margin",
]);
export const trialEndPolicy = pgEnum("trial_end_policy", ["suspend", "convert"]);
export const resellerStatus = pgEnum("reseller_status", [
  "pending_verification",
  "pending_approval",
  "active",
  "closed",
]);
export const contractState = pgEnum("contract_state", [
  "pending",
  "provisioning_failed",
  "trial",
  "active",
  "suspended",
  "cancelled",
]);
export const tierChangeKind = pgEnum("tier_change_kind", [
  "order",
  "upgrade",
  "downgrade",
  "conversion",
  "admin",
]);
export const pendingChangeStatus = pgEnum("pending_change_status", ["pending", "applied", "withdrawn"]);
export const invoiceStatus = pgEnum("invoice_status", ["draft", "issued", "paid", "void"]);
export const invoiceLineType = pgEnum("invoice_line_type", [
  "usage",
  "commitment_topup",
  "commitment_waived",
]);
export const billingRunStatus = pgEnum("billing_run_status", [
  "running",
  "drafted",
  "issuing",
  "issued",
  "failed",
]);
export const jobStatus = pgEnum("job_status", ["queued", "running", "succeeded", "failed"]);
export const provisioningKind = pgEnum("provisioning_kind", [
  "provision",
  "tier_change",
  "convert",
  "suspend",
  "resume",
  "cancel",
]);
export const syncKind = pgEnum("sync_kind", ["scheduled", "manual", "month_close"]);
export const emailStatus = pgEnum("email_status", ["queued", "sent", "failed", "logged"]);
export const deliveryStatus = pgEnum("delivery_status", ["pending", "delivered", "failed"]);
export const alertKind = pgEnum("alert_kind", ["usage_share", "topup_projected", "cheaper_tier"]);
