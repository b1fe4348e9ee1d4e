import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CATALOGUE, oiKey } from "./catalogue";
import { newId } from "./util";

export type TenantKind = "root" | "partner" | "folder" | "customer" | "unit";
export type PricingMode = "trial" | "production" | "suspended";

export type Contact = Record<string, unknown> & { id: string; types: string[]; created_at: string };

export type Quota = { value: number | null; overage: number | null; version: number };

export type OiRecord = {
  name: string;
  infraId: string | null;
  status: 0 | 1;
  locked: boolean;
  quota: Quota;
  updatedAt: string;
};

export type SettingRecord = { value: unknown; lock: boolean; exclusive: boolean };

export type TenantRecord = {
  id: string;
  v1Id: number;
  version: number;
  name: string;
  kind: TenantKind;
  parentId: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  enabled: boolean;
  customerType: string;
  customerId: string | null;
  internalTag: string | null;
  language: string;
  contact: Contact;
  ancestralAccess: boolean;
  mfaStatus: string;
  brandUuid: string;
  defaultIdpId: string;
  ownerId: string | null;
  updateLock: { enabled: boolean; owner_id: string | null };
  externalOperationStatus: string | null;
  /** `leftTrialAt`: when trial → production happened; after that, trial is out of reach for good. */
  pricing: {
    mode: PricingMode;
    currency: string | null;
    version: number;
    productionStartDate: string | null;
    leftTrialAt: string | null;
  };
  offeringItems: Record<string, OiRecord>;
  settings: Record<string, SettingRecord>;
  boundApplications: string[];
  /** Usage generator: first day with usage, and an explicit SKU subset (else derived from the id). */
  usageSince: string;
  skus: string[] | null;
};

export type UserRecord = {
  id: string;
  version: number;
  tenantId: string;
  login: string;
  contact: Record<string, unknown>;
  activated: boolean;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  language: string;
  personalTenantId: string | null;
  businessTypes: string[];
  notifications: string[];
  externalId: string | null;
};

export type PolicyRecord = Record<string, unknown> & { id: string; version: number; role_id: string };

export type StoredReport = { id: string; format: string; createdAt: string; readyAtMs: number };

export type ReportRecord = {
  id: string;
  version: number;
  recipients: string[];
  resultAction: string;
  parameters: Record<string, unknown> & { tenant_id: string; kind: string; level: string; formats: string[] };
  schedule: { type: string; enabled: boolean };
  generationDate: string;
  createdAt: string;
  stored: StoredReport[];
};

export type OutboxEntry = {
  id: string;
  user_id: string;
  login: string;
  email: string | null;
  tenant_id: string;
  sent_at: string;
};

export type UsageOverride = { tenantId: string; name: string; from: string; value: number };

export type SimState = {
  schemaVersion: 1;
  clockOffsetMs: number;
  nextV1Id: number;
  acronisRootId: string;
  rootTenantId: string;
  client: { id: string; secret: string; createdAt: string; lastAccessAt: string | null };
  tenants: Record<string, TenantRecord>;
  users: Record<string, UserRecord>;
  policies: Record<string, PolicyRecord[]>;
  reports: Record<string, ReportRecord>;
  outbox: OutboxEntry[];
  tokens: Record<string, { expiresAtMs: number }>;
  tokensIssued: number;
  overrides: UsageOverride[];
};

export const DEFAULT_IDP_ID = "11111111-1111-1111-1111-111111111111";

export function blankTenant(fields: {
  id: string;
  v1Id: number;
  name: string;
  kind: TenantKind;
  parentId: string;
  now: Date;
  pricingMode: PricingMode;
}): TenantRecord {
  const iso = fields.now.toISOString();
  return {
    id: fields.id,
    v1Id: fields.v1Id,
    version: 1,
    name: fields.name,
    kind: fields.kind,
    parentId: fields.parentId,
    createdAt: iso,
    updatedAt: iso,
    deletedAt: null,
    enabled: true,
    customerType: "default",
    customerId: null,
    internalTag: null,
    language: "en",
    contact: { id: newId(), types: ["legal"], created_at: iso, updated_at: iso },
    ancestralAccess: true,
    mfaStatus: "disabled",
    brandUuid: newId(),
    defaultIdpId: DEFAULT_IDP_ID,
    ownerId: null,
    updateLock: { enabled: false, owner_id: null },
    externalOperationStatus: null,
    pricing: {
      mode: fields.pricingMode,
      currency: null,
      version: fields.now.getTime(),
      productionStartDate: null,
      leftTrialAt: null,
    },
    offeringItems: {},
    settings: {},
    boundApplications: [],
    usageSince: iso.slice(0, 10),
    skus: null,
  };
}

export function createSeedState(seed: {
  clientId: string;
  clientSecret: string;
  rootTenantId?: string;
  now: Date;
}) {
  const acronisRootId = newId();
  const rootTenantId = seed.rootTenantId ?? newId();
  const iso = seed.now.toISOString();
  const acronisRoot = blankTenant({
    id: acronisRootId,
    v1Id: 1,
    name: "Acronis Cloud (simulated)",
    kind: "root",
    parentId: acronisRootId,
    now: seed.now,
    pricingMode: "production",
  });
  const distributor = blankTenant({
    id: rootTenantId,
    v1Id: 1000,
    name: "Tierline Distributor",
    kind: "partner",
    parentId: acronisRootId,
    now: seed.now,
    pricingMode: "production",
  });
  distributor.pricing.productionStartDate = iso;
  for (const item of CATALOGUE) {
    distributor.offeringItems[oiKey(item.name, item.infraId)] = {
      name: item.name,
      infraId: item.infraId,
      status: 1,
      locked: false,
      quota: { value: null, overage: null, version: 0 },
      updatedAt: iso,
    };
  }
  distributor.settings.tier_level_value = { value: 2, lock: false, exclusive: false };
  distributor.settings.licensing_mode = { value: "per_device", lock: false, exclusive: false };
  const state: SimState = {
    schemaVersion: 1,
    clockOffsetMs: 0,
    nextV1Id: 1_544_000,
    acronisRootId,
    rootTenantId,
    client: { id: seed.clientId, secret: seed.clientSecret, createdAt: iso, lastAccessAt: null },
    tenants: { [acronisRootId]: acronisRoot, [rootTenantId]: distributor },
    users: {},
    policies: {},
    reports: {},
    outbox: [],
    tokens: {},
    tokensIssued: 0,
    overrides: [],
  };
  return state;
}

export function stateFile(dataDir: string): string {
  return path.join(dataDir, "state.json");
}

export function loadState(dataDir: string): SimState | null {
  const file = stateFile(dataDir);
  if (!existsSync(file)) return null;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as SimState;
  return parsed.schemaVersion === 1 ? parsed : null;
}

/** Atomic write: a crash mid-write leaves the previous file intact. */
export function saveState(dataDir: string, state: SimState): void {
  mkdirSync(dataDir, { recursive: true });
  const file = stateFile(dataDir);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}
