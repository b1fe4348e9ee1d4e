/**
 * How the audit log reads to a person: action keys (`reseller.updated`) as words, entity types as the page
 * they live on, and an entry's data as the fields it changed. Pure and client-safe.
 */

/** The action keys written across lib/ and app/ (grep `writeAudit`), in words. */
export const ACTION_LABELS: Record<string, string> = {
  // Sign-in and accounts
  "auth.sign_in": "Signed in",
  "auth.sign_in_link": "Signed in with a link",
  "auth.reset_requested": "Asked for a password reset",
  "auth.password_reset": "Reset the password",
  "auth.unlocked": "Unlocked a sign-in",
  "auth.two_factor_enrolment_started": "Started setting up two-factor sign-in",
  "auth.two_factor_enrolment_cancelled": "Cancelled setting up two-factor sign-in",
  "auth.two_factor_enabled": "Turned on two-factor sign-in",
  "auth.two_factor_disabled": "Turned off two-factor sign-in",
  "auth.recovery_codes_regenerated": "Made new recovery codes",
  "auth.recovery_code_used": "Used a recovery code",
  // Sign-up
  "signup.submitted": "Signed up",
  "signup.email_verified": "Verified the sign-up email",
  "signup.approved": "Approved a sign-up",
  "signup.rejected": "Rejected a sign-up",
  // Resellers
  "reseller.created": "Created reseller",
  "reseller.updated": "Updated reseller",
  "reseller.tax_rate_changed": "Changed a reseller's tax rate",
  "reseller.price_adjustment_changed": "Changed a reseller's price adjustment",
  "reseller.billing_contacts_changed": "Changed a reseller's billing contacts",
  "reseller.invited": "Invited a reseller's owner",
  "alerts.rules_updated": "Updated alert rules",
  // Contracts (lib/contracts: `contract.<event>`)
  "contract.ordered": "Ordered a contract",
  "contract.provisioned": "Set up in Acronis",
  "contract.provisioning_failed": "Acronis setup failed",
  "contract.provisioning_retried": "Retried the Acronis setup",
  "contract.converted": "Converted a trial to paid",
  "contract.conversion_scheduled": "Scheduled a trial conversion",
  "contract.conversion_unscheduled": "Cancelled a scheduled conversion",
  "contract.trial_ended_converted": "Trial ended: converted",
  "contract.trial_ended_suspended": "Trial ended: suspended",
  "contract.trial_grace_expired": "Trial grace expired: cancelled",
  "contract.upgraded": "Upgraded a contract",
  "contract.downgrade_scheduled": "Scheduled a downgrade",
  "contract.downgrade_withdrawn": "Withdrew a downgrade",
  "contract.downgraded": "Downgraded a contract",
  "contract.ramp_up_overridden": "Overrode the ramp-up",
  "contract.suspended": "Suspended a contract",
  "contract.resumed": "Resumed a contract",
  "contract.cancellation_requested": "Asked to cancel a contract",
  "contract.cancellation_withdrawn": "Withdrew a cancellation",
  "contract.cancelled": "Cancelled a contract",
  "contract.cancelled_immediately": "Cancelled a contract at once",
  // Billing
  "billing_run.start": "Started a billing run",
  "billing_run.resume": "Resumed a billing run",
  "billing_run.issue": "Issued a billing run",
  "invoice.issue": "Issued an invoice",
  "invoice.paid": "Marked an invoice paid",
  "invoice.void": "Voided an invoice",
  "credit_note.create": "Created a credit note",
  // Catalogue, prices, FX, taxes
  "catalogue.tier_created": "Created a tier",
  "catalogue.tier_updated": "Updated a tier",
  "catalogue.tier_retired": "Retired a tier",
  "catalogue.sku_updated": "Updated a service",
  "catalogue.upgrade_paths_saved": "Changed the upgrade paths",
  "price_version.created": "Created a price version",
  "price_version.deleted": "Deleted a price version",
  "price_version.note_changed": "Changed a price version's note",
  "price_version.prices_changed": "Changed prices",
  "price_version.imported": "Imported a price version",
  "fx.rate_added": "Added an FX rate",
  "fx.rate_corrected": "Corrected an FX rate",
  "fx.rate_deleted": "Deleted an FX rate",
  "fx.ecb_imported": "Imported ECB FX rates",
  "tax_rate.created": "Added a tax rate",
  "tax_rate.updated": "Changed a tax rate",
  "tax_rate.deleted": "Deleted a tax rate",
  // Acronis datacenters (lib/datacenters)
  "datacenter.created": "Added an Acronis datacenter",
  "datacenter.updated": "Updated an Acronis datacenter",
  "datacenter.deleted": "Deleted an Acronis datacenter",
  "datacenter.made_default": "Changed the default datacenter",
  "datacenter.tested": "Tested an Acronis datacenter",
  "datacenter.country_mapped": "Mapped a country to a datacenter",
  "datacenter.country_unmapped": "Removed a country from the datacenter map",
  "datacenter.infrastructure_owner_changed": "Changed a storage infrastructure's owner",
  // API keys (lib/api-keys)
  "api_key.created": "Created an API key",
  "api_key.revoked": "Revoked an API key",
  // Teams (lib/teams)
  "team.member_invited": "Invited a team member",
  "team.invitation_resent": "Resent a team invitation",
  "team.invitation_cancelled": "Withdrew a team invitation",
  "team.invitation_accepted": "Accepted a team invitation",
  "team.role_changed": "Changed a team member's role",
  "team.member_removed": "Removed a team member",
  "team.ownership_transferred": "Transferred ownership",
  "team.two_factor_reset": "Reset a team member's two-factor sign-in",
  // Webhooks (lib/webhooks)
  "webhook.created": "Added a webhook endpoint",
  "webhook.updated": "Changed a webhook endpoint",
  "webhook.enabled": "Enabled a webhook endpoint",
  "webhook.disabled": "Disabled a webhook endpoint",
  "webhook.deleted": "Deleted a webhook endpoint",
  "webhook.secret_revealed": "Revealed a webhook secret",
  "webhook.secret_rotated": "Rotated a webhook secret",
  "webhook.redelivered": "Redelivered a webhook event",
  // Settings
  "settings.branding_updated": "Updated the branding",
  "settings.policies_updated": "Updated the policies",
  "settings.staff_two_factor_changed": "Changed whether staff need two-factor sign-in",
};

export const ENTITY_LABELS: Record<string, string> = {
  reseller: "Reseller",
  contract: "Contract",
  invoice: "Invoice",
  credit_note: "Credit note",
  billing_run: "Billing run",
  price_version: "Price version",
  fx_rate: "FX rate",
  tax_rate: "Tax rate",
  tier: "Tier",
  sku: "Service",
  upgrade_paths: "Upgrade paths",
  settings: "Settings",
  user: "User",
  email: "Email",
  datacenter: "Acronis datacenter",
  api_key: "API key",
  webhook_endpoint: "Webhook endpoint",
};

/** "tax_rate_changed" or "taxRatePercent" → "tax rate changed", "tax rate percent". */
export function humanise(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

const capitalise = (text: string) => (text ? text[0]!.toUpperCase() + text.slice(1) : text);

/** The action in words; an unknown key still reads: `widget.colour_changed` → "Widget: colour changed". */
export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const dot = action.indexOf(".");
  if (dot < 0) return capitalise(humanise(action));
  const entity = action.slice(0, dot);
  const verb = action.slice(dot + 1);
  return `${ENTITY_LABELS[entity] ?? capitalise(humanise(entity))}: ${humanise(verb)}`;
}

export function entityLabel(entityType: string): string {
  return ENTITY_LABELS[entityType] ?? capitalise(humanise(entityType));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where what changed lives in the back office, or null when it has no page of its own. */
export function entityHref(entry: {
  entityType: string;
  entityId: string | null;
  resellerId: string | null;
}): string | null {
  const { entityType, entityId, resellerId } = entry;
  const id = entityId && UUID.test(entityId) ? entityId : null;
  switch (entityType) {
    case "reseller":
      return id
        ? `/admin/resellers/${id}`
        : resellerId
          ? `/admin/resellers/${resellerId}`
          : "/admin/resellers";
    case "contract":
    case "user":
    case "credit_note":
      return resellerId ? `/admin/resellers/${resellerId}` : null;
    case "invoice":
      return id ? `/admin/invoices/${id}` : "/admin/invoices";
    case "billing_run":
      return id ? `/admin/billing/${id}` : "/admin/billing";
    case "price_version":
      return id ? `/admin/prices/${id}` : "/admin/prices";
    case "fx_rate":
      return "/admin/fx";
    case "tax_rate":
      return "/admin/taxes";
    case "tier":
    case "sku":
    case "upgrade_paths":
      return "/admin/catalogue";
    case "settings":
      return "/admin/settings";
    case "email":
      return id ? `/admin/outbox/${id}` : "/admin/outbox";
    case "datacenter":
      return "/admin/acronis";
    case "webhook_endpoint":
      // A reseller's endpoint lives in its portal; the back office links the distributor's own.
      return resellerId ? `/admin/resellers/${resellerId}` : id ? `/admin/webhooks/${id}` : "/admin/webhooks";
    default:
      return resellerId ? `/admin/resellers/${resellerId}` : null;
  }
}

/** One field of an entry's data: before and after when the entry recorded both, else its value. */
export type AuditField = { field: string; before?: string; after?: string; value?: string };

/** A value as text: "—" for none, lists joined, objects as compact JSON. */
export function formatAuditValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null))
    return value.length === 0 ? "—" : value.map((v) => formatAuditValue(v)).join(", ");
  return JSON.stringify(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The entry's data as rows: with `before` and `after` objects, the fields whose value changed (a field in
 * only one of them counts as changed), then any other keys of the data as plain values; otherwise every key.
 */
export function auditFields(data: Record<string, unknown> | null | undefined): AuditField[] {
  if (!data) return [];
  const { before, after, ...rest } = data;
  const fields: AuditField[] = [];
  if (isRecord(before) || isRecord(after)) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    for (const field of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
      const was = formatAuditValue(b[field]);
      const now = formatAuditValue(a[field]);
      if (was !== now) fields.push({ field: humanise(field), before: was, after: now });
    }
  } else {
    if (before !== undefined) rest.before = before;
    if (after !== undefined) rest.after = after;
  }
  for (const [field, value] of Object.entries(rest))
    fields.push({ field: humanise(field), value: formatAuditValue(value) });
  return fields;
}
