// Our own camelCase view of Acronis objects; nothing outside lib/acronis sees Acronis payloads.

export type AcronisTenantKind = "root" | "partner" | "folder" | "customer" | "unit";
export type AcronisPricingMode = "trial" | "production" | "suspended";
export type AcronisLicensingMode = "per_gb" | "per_device";
/** `deleting` / `recovering` while Acronis runs an external operation; `no_operation` (or null) when idle. */
export type AcronisExternalOperationStatus = "deleting" | "recovering" | "no_operation" | (string & {});

export type AcronisContact = {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  state: string | null;
  zipcode: string | null;
  country: string | null;
};

export type AcronisTenant = {
  id: string;
  version: number;
  name: string;
  kind: AcronisTenantKind;
  parentId: string;
  enabled: boolean;
  customerId: string | null;
  internalTag: string | null;
  language: string | null;
  pricingMode: AcronisPricingMode | null;
  productionStartDate: Date | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  hasChildren: boolean | null;
  contact: AcronisContact | null;
  externalOperationStatus: AcronisExternalOperationStatus | null;
};

export type AcronisIdentity = {
  clientId: string;
  tenantId: string;
  tenantName: string;
  tenantKind: AcronisTenantKind;
};

export type CreateTenantInput = {
  parentId: string;
  name: string;
  kind: AcronisTenantKind;
  internalTag?: string | null;
  customerId?: string | null;
  language?: string;
  enabled?: boolean;
  contact?: Partial<AcronisContact>;
};

export type TenantPatch = Partial<
  Pick<CreateTenantInput, "name" | "internalTag" | "customerId" | "language" | "enabled" | "contact">
>;

export type AcronisPricing = {
  mode: AcronisPricingMode;
  currency: string | null;
  version: number;
  productionStartDate: Date | null;
};

export type AcronisMfaState = "disabled" | "forcibly_disabled" | "setup_required" | "enabled";

/** A tenant's two-factor authentication (`/tenants/{id}/mfa/status`). */
export type AcronisMfaStatus = {
  status: AcronisMfaState;
  /** Shorthand: `status === "enabled"`. */
  enabled: boolean;
  usersCount: number | null;
  usersWithTotpCount: number | null;
  /** False when the setting is inherited (units) and cannot be changed here. */
  updateAllowed: boolean | null;
};

/**
 * Who stands behind a storage infrastructure, which decides who charges for it:
 * - `acronis`: platform-owned storage run by Acronis (Acronis-hosted);
 * - `hyperscaler`: platform-owned storage on a public cloud (backend_type azure, google, amazon…),
 *   offered and charged by Acronis as its own offering items;
 * - `partner`: storage a partner registered itself (platform_owned false): not Acronis's charge.
 */
export type AcronisInfraOwner = "acronis" | "hyperscaler" | "partner";

export type AcronisInfrastructure = {
  id: string;
  name: string;
  ownerTenantId: string;
  locationId: string | null;
  platformOwned: boolean;
  backendType: string | null;
  /** backup, disaster_recovery, files_cloud, … */
  capabilities: string[];
  /** True when we only see it in a limited way (owned by an ancestor, e.g. Acronis itself). */
  readonly: boolean | null;
  owner: AcronisInfraOwner;
};

export type AcronisBillingSettings = {
  tierLevelValue: number | null;
  licensingMode: AcronisLicensingMode | null;
};

export type AcronisQuota = { value: number | null; overage: number | null; version: number };

export type AcronisOfferingItem = {
  applicationId: string;
  name: string;
  edition: string | null;
  usageName: string | null;
  tenantId: string | null;
  enabled: boolean;
  locked: boolean;
  quota: AcronisQuota | null;
  type: string;
  infraId: string | null;
  measurementUnit: string | null;
};

/** One desired change; omitted fields stay as they are. `quota: {value: null, overage: null}` = unlimited. */
export type OfferingItemChange = {
  applicationId: string;
  name: string;
  infraId?: string | null;
  enabled?: boolean;
  quota?: { value: number | null; overage: number | null };
};

export type CreateUserInput = {
  tenantId: string;
  login: string;
  email: string;
  firstName?: string;
  lastName?: string;
  language?: string;
};

export type AcronisUser = {
  id: string;
  version: number;
  tenantId: string;
  login: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  activated: boolean;
  enabled: boolean;
  personalTenantId: string | null;
};

export type AcronisAccessPolicy = {
  id: string;
  trusteeId: string;
  tenantId: string;
  roleId: string;
  version: number;
};

export type AcronisUsageRow = {
  tenantId: string;
  tenantV1Id: number | null;
  applicationId: string;
  /** Offering-item name with edition prefix, e.g. `pw_base_servers` (our SKU). */
  name: string;
  usageName: string;
  edition: string | null;
  type: string;
  measurementUnit: string;
  infraId: string | null;
  value: number;
  absoluteValue: number | null;
  rangeStart: Date;
  offeringItemEnabled: boolean | null;
  quota: AcronisQuota | null;
};

export type AcronisDailyUsageRow = {
  tenantId: string | null;
  tenantV1Id: number | null;
  tenantName: string | null;
  /** UTC day, `YYYY-MM-DD`. */
  date: string;
  name: string;
  usageName: string | null;
  edition: string | null;
  measurementUnit: string | null;
  infraId: string | null;
  value: number;
  absoluteValue: number | null;
};

export type AcronisReportRef = { id: string; version: number };

export type AcronisUsageReportKind = "usage_daily" | "usage_summary" | "usage_current";
export type AcronisUsageReportLevel = "itself" | "direct_partners" | "all_partners" | "all_customers";
export type AcronisUsageReportFormat = "csv_v2_0" | "json_v2_0";

/** One measure of a report row, split by the tenant's pricing mode (docs/ACRONIS.md "Usage reports"). */
export type AcronisUsageSplit = { production: number; trial: number; total: number };

/** One row of a csv_v2_0 or json_v2_0 usage report: one tenant, one offering item, one range. */
export type AcronisReportRow = {
  tenantId: string;
  tenantName: string | null;
  tenantKind: AcronisTenantKind;
  parentTenantId: string | null;
  applicationId: string;
  /** The row's range in UTC days, `YYYY-MM-DD`, inclusive; a daily row has `from === to`. */
  from: string;
  to: string;
  /** Offering-item name with its edition prefix, e.g. `pw_base_storage`. */
  name: string;
  edition: string | null;
  usageName: string | null;
  type: string | null;
  measurementUnit: string | null;
  infraId: string | null;
  infraOwnerId: string | null;
  infraBackendType: string | null;
  sku: string | null;
  /** The counter at the end of `to` (cumulative counters: lifetime total). */
  absolute: AcronisUsageSplit;
  /** Change over the row's range. */
  delta: AcronisUsageSplit;
  /** The billable quantity: Tierline bills `effective.production`. */
  effective: AcronisUsageSplit;
};

/** A downloaded usage report; `kind`, `from` and `to` come from the file when it says (json_v2_0). */
export type AcronisUsageReport = {
  format: AcronisUsageReportFormat;
  kind: AcronisUsageReportKind;
  from: string | null;
  to: string | null;
  rows: AcronisReportRow[];
};

export type AcronisStoredReport = { id: string; format: string | null; status: string; size: number | null };
