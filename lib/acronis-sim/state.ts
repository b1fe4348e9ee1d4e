import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  ACRONIS_INFRA_ID,
  AZURE_INFRA_ID,
  expandCatalogue,
  oiKey,
  PARTNER_INFRA_ID,
  SIM_LOCATION_ID,
} from "./catalogue";
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

/** `infraId`: the storage an `infra` item's usage is on (null for other items). */
export type UsageOverride = {
  tenantId: string;
  name: string;
  infraId: string | null;
  from: string;
  value: number;
};

/** A storage infrastructure component (acronis-api.md `infra` object, GET /infra). */
export type InfraRecord = {
  id: string;
  name: string;
  ownerTenantId: string;
  locationId: string;
  platformOwned: boolean;
  url: string;
  capabilities: string[];
  backendType: string | null;
  version: number;
};

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
  infras: Record<string, InfraRecord>;
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

export function seedInfras(acronisRootId: string, distributorId: string): Record<string, InfraRecord> {
  const infra = (r: Omit<InfraRecord, "locationId" | "version">): InfraRecord => ({
    ...r,
    locationId: SIM_LOCATION_ID,
    version: 1,
  });
  return {
    [ACRONIS_INFRA_ID]: infra({
      id: ACRONIS_INFRA_ID,
      name: "Acronis Cloud Storage",
      ownerTenantId: acronisRootId,
      platformOwned: true,
      url: "acronis+fes://storage.sim.acronis.local:44445",
      capabilities: ["backup", "disaster_recovery", "files_cloud"],
      backendType: "acronis",
    }),
    [AZURE_INFRA_ID]: infra({
      id: AZURE_INFRA_ID,
      name: "Microsoft Azure",
      ownerTenantId: acronisRootId,
      platformOwned: true,
      url: "acronis+fes://azure.sim.acronis.local:44445",
      capabilities: ["backup"],
      backendType: "azure",
    }),
    [PARTNER_INFRA_ID]: infra({
      id: PARTNER_INFRA_ID,
      name: "Distributor Storage",
      ownerTenantId: distributorId,
      platformOwned: false,
      url: "acronis+fes://backup-gateway.distributor.example:44445",
      capabilities: ["backup"],
      backendType: null,
    }),
  };
}

/** The distributor has every item of every infrastructure enabled, unlimited. */
function enableEverything(distributor: TenantRecord, infras: Record<string, InfraRecord>, iso: string) {
  for (const item of expandCatalogue(Object.values(infras))) {
    distributor.offeringItems[oiKey(item.name, item.infraId)] ??= {
      name: item.name,
      infraId: item.infraId,
      status: 1,
      locked: false,
      quota: { value: null, overage: null, version: 0 },
      updatedAt: iso,
    };
  }
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
  const infras = seedInfras(acronisRootId, rootTenantId);
  enableEverything(distributor, infras, iso);
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
    infras,
  };
  return state;
}

/**
 * Brings a state file written by an older simulator up to date: the seeded infrastructures (enabled
 * on the distributor) and an explicit infra on each usage override (the Acronis-hosted one for
 * storage items, as the single-storage simulator meant).
 */
export function upgradeState(state: SimState): SimState {
  if (!state.infras) {
    state.infras = seedInfras(state.acronisRootId, state.rootTenantId);
    const distributor = state.tenants[state.rootTenantId];
    if (distributor) enableEverything(distributor, state.infras, new Date().toISOString());
  }
  const infraNames = new Set(
    expandCatalogue(Object.values(state.infras))
      .filter((i) => i.infraId !== null)
      .map((i) => i.name),
  );
  for (const o of state.overrides) {
    if (o.infraId === undefined) o.infraId = infraNames.has(o.name) ? ACRONIS_INFRA_ID : null;
  }
  return state;
}

export function stateFile(dataDir: string): string {
  return path.join(dataDir, "state.json");
}

export function loadState(dataDir: string): SimState | null {
  const file = stateFile(dataDir);
  if (!existsSync(file)) return null;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as SimState;
  return parsed.schemaVersion === 1 ? upgradeState(parsed) : null;
}

/** Atomic write: a crash mid-write leaves the previous file intact. */
export function saveState(dataDir: string, state: SimState): void {
  mkdirSync(dataDir, { recursive: true });
  const file = stateFile(dataDir);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}
