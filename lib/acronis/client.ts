import {
  getBillingSettings,
  getPricing,
  listApplications,
  platformAppId,
  setPricingMode,
  setTierLevel,
} from "./billing";
import { normalizeBaseUrl } from "./config";
import type { ClientContext } from "./context";
import { createHttp, type FetchLike, type TokenSource } from "./http";
import { getInfrastructures, listInfrastructures } from "./infra";
import { listAvailableOfferingItemsForChild, listOfferingItems, setOfferingItems } from "./offering-items";
import {
  createUsageReport,
  deleteReport,
  downloadReport,
  type FetchUsageReportInput,
  fetchDailyUsageReport,
  fetchUsageReport,
  listStoredReports,
  type UsageReportInput,
  type WaitOptions,
  waitForReport,
} from "./reports";
import {
  createTenant,
  deleteTenant,
  findTenantByInternalTag,
  getTenant,
  getTenantMfaStatus,
  iterateTenants,
  listChildTenants,
  setTenantEnabled,
  setTenantMfaStatus,
  updateTenant,
  whoAmI,
} from "./tenants";
import { createTokenProvider } from "./token";
import type * as T from "./types";
import { getUsages, type UsageQuery } from "./usage";
import {
  checkLogin,
  createUser,
  findTenantUserByLogin,
  getAccessPolicies,
  getUser,
  listTenantUsers,
  sendActivationEmail,
  setAccessPolicies,
} from "./users";

export type AcronisClientOptions = {
  /** Datacenter URL, with or without `/api/2`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Per-attempt timeout (default 30 s). */
  timeoutMs?: number;
  /** Retries after the first attempt on 5xx, 429, timeouts and network errors (default 3). */
  maxRetries?: number;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Upper bound for a server-requested Retry-After wait (default 120 s). */
  maxRetryAfterMs?: number;
  /** Refresh the token this long before it expires (default 60 s). */
  tokenRefreshSkewMs?: number;
  /** Re-read-and-retry rounds after a stale version (default 3). */
  versionRetries?: number;
  /** Tenants per `GET /tenants/usages` call (1..100, default 100). */
  usageBatchSize?: number;
  /** Page size for cursor-paginated reads (default: the server's, 5000). */
  pageSize?: number;
  now?: () => number;
  random?: () => number;
};

export type AcronisClient = {
  readonly baseUrl: string;
  whoAmI(): Promise<T.AcronisIdentity>;
  getTenant(id: string, opts?: { allowDeleted?: boolean }): Promise<T.AcronisTenant>;
  findTenantByInternalTag(parentId: string, tag: string): Promise<T.AcronisTenant | null>;
  createTenant(input: T.CreateTenantInput): Promise<T.AcronisTenant>;
  updateTenant(id: string, patch: T.TenantPatch): Promise<T.AcronisTenant>;
  setTenantEnabled(id: string, enabled: boolean): Promise<T.AcronisTenant>;
  deleteTenant(id: string): Promise<void>;
  listChildTenants(
    parentId: string,
    opts?: { kinds?: T.AcronisTenantKind[] | "all" },
  ): Promise<T.AcronisTenant[]>;
  /**
   * Cursor-paginated batch read: exactly one of parentId (children), subtreeRootId (the tenant itself,
   * then every descendant, folders and sub-partners included, level by level), uuids (≤ 100).
   */
  iterateTenants(query: {
    parentId?: string;
    subtreeRootId?: string;
    uuids?: string[];
  }): AsyncGenerator<T.AcronisTenant>;
  getTenantMfaStatus(tenantId: string): Promise<T.AcronisMfaStatus>;
  /** Requires (true) or stops requiring (false) two-factor authentication for the tenant's users. */
  setTenantMfaStatus(tenantId: string, enabled: boolean): Promise<T.AcronisMfaStatus>;
  /**
   * Storage infrastructures the tenant (default: the API client's own) works with, each classified
   * as Acronis-hosted, hyperscaler or partner-owned (`owner`).
   */
  listInfrastructures(opts?: { tenantId?: string }): Promise<T.AcronisInfrastructure[]>;
  /** Infrastructures by id (`GET /infra?uuids=`, 100 a call); unknown ids fail with 404. */
  getInfrastructures(ids: string[]): Promise<T.AcronisInfrastructure[]>;
  listApplications(): Promise<Array<{ id: string; name: string; type: string; usages: string[] }>>;
  platformApplicationId(): Promise<string>;
  getPricing(tenantId: string): Promise<T.AcronisPricing>;
  setPricingMode(tenantId: string, mode: "trial" | "production"): Promise<T.AcronisPricing>;
  getBillingSettings(tenantId: string): Promise<T.AcronisBillingSettings>;
  setTierLevel(
    tenantId: string,
    tierLevelValue: number,
    licensingMode?: T.AcronisLicensingMode,
  ): Promise<T.AcronisBillingSettings>;
  listOfferingItems(tenantId: string, edition?: string): Promise<T.AcronisOfferingItem[]>;
  listAvailableOfferingItemsForChild(
    parentId: string,
    kind: T.AcronisTenantKind,
    edition?: string,
  ): Promise<T.AcronisOfferingItem[]>;
  setOfferingItems(tenantId: string, items: T.OfferingItemChange[]): Promise<T.AcronisOfferingItem[]>;
  checkLogin(login: string): Promise<boolean>;
  createUser(input: T.CreateUserInput): Promise<T.AcronisUser>;
  getUser(userId: string): Promise<T.AcronisUser>;
  /** Live users of the tenant itself (not of its sub-tenants). */
  listTenantUsers(tenantId: string): Promise<T.AcronisUser[]>;
  /** The tenant's user with this login (case-insensitive), e.g. one we created whose answer was lost. */
  findTenantUserByLogin(tenantId: string, login: string): Promise<T.AcronisUser | null>;
  getAccessPolicies(userId: string): Promise<T.AcronisAccessPolicy[]>;
  setAccessPolicies(userId: string, tenantId: string, roles: string[]): Promise<T.AcronisAccessPolicy[]>;
  sendActivationEmail(userId: string): Promise<void>;
  getUsages(tenantIds: string[], query?: UsageQuery): Promise<T.AcronisUsageRow[]>;
  createUsageReport(input: FetchUsageReportInput): Promise<T.AcronisReportRef>;
  listStoredReports(reportId: string): Promise<T.AcronisStoredReport[]>;
  waitForReport(
    reportId: string,
    opts?: WaitOptions,
    format?: T.AcronisUsageReportFormat,
  ): Promise<T.AcronisStoredReport>;
  downloadReport(
    reportId: string,
    storedReportId: string,
    format: T.AcronisUsageReportFormat,
    expected: { kind: T.AcronisUsageReportKind; from?: string | null; to?: string | null },
  ): Promise<T.AcronisUsageReport>;
  deleteReport(report: T.AcronisReportRef): Promise<void>;
  /** create → poll → download → parse a csv_v2_0 or json_v2_0 usage report (docs/ACRONIS.md). */
  fetchUsageReport(input: FetchUsageReportInput, wait?: WaitOptions): Promise<T.AcronisUsageReport>;
  /** The daily csv_v2_0 report valued at production usage (month close's reading). */
  fetchDailyUsageReport(input: UsageReportInput, wait?: WaitOptions): Promise<T.AcronisDailyUsageRow[]>;
  /** Tokens issued so far by this client (diagnostics and tests). */
  tokensIssued(): number;
};

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createAcronisClient(options: AcronisClientOptions): AcronisClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  let tokens: TokenSource | undefined;
  const http = createHttp(
    {
      apiBase: `${baseUrl}/api/2`,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      sleep,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRetries: options.maxRetries ?? 3,
      retryBaseMs: options.retryBaseMs ?? 500,
      retryMaxMs: options.retryMaxMs ?? 30_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 120_000,
      random: options.random ?? Math.random,
      now,
    },
    () => tokens!,
  );
  const tokenProvider = createTokenProvider(http, {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    now,
    refreshSkewMs: options.tokenRefreshSkewMs ?? 60_000,
  });
  tokens = tokenProvider;
  const ctx: ClientContext = {
    http,
    clientId: options.clientId,
    sleep,
    now,
    versionRetries: options.versionRetries ?? 3,
    usageBatchSize: Math.min(100, Math.max(1, options.usageBatchSize ?? 100)),
    pageSize: options.pageSize,
    cache: {},
  };
  return {
    baseUrl,
    whoAmI: () => whoAmI(ctx),
    getTenant: (id, opts) => getTenant(ctx, id, opts),
    findTenantByInternalTag: (parentId, tag) => findTenantByInternalTag(ctx, parentId, tag),
    createTenant: (input) => createTenant(ctx, input),
    updateTenant: (id, patch) => updateTenant(ctx, id, patch),
    setTenantEnabled: (id, enabled) => setTenantEnabled(ctx, id, enabled),
    deleteTenant: (id) => deleteTenant(ctx, id),
    listChildTenants: (parentId, opts) => listChildTenants(ctx, parentId, opts),
    iterateTenants: (query) =>
      iterateTenants(ctx, {
        parent_id: query.parentId,
        subtree_root_id: query.subtreeRootId,
        uuids: query.uuids,
      }),
    getTenantMfaStatus: (tenantId) => getTenantMfaStatus(ctx, tenantId),
    setTenantMfaStatus: (tenantId, enabled) => setTenantMfaStatus(ctx, tenantId, enabled),
    listInfrastructures: (opts) => listInfrastructures(ctx, opts),
    getInfrastructures: (ids) => getInfrastructures(ctx, ids),
    listApplications: () => listApplications(ctx),
    platformApplicationId: () => platformAppId(ctx),
    getPricing: (tenantId) => getPricing(ctx, tenantId),
    setPricingMode: (tenantId, mode) => setPricingMode(ctx, tenantId, mode),
    getBillingSettings: (tenantId) => getBillingSettings(ctx, tenantId),
    setTierLevel: (tenantId, tier, mode) => setTierLevel(ctx, tenantId, tier, mode),
    listOfferingItems: (tenantId, edition) => listOfferingItems(ctx, tenantId, edition),
    listAvailableOfferingItemsForChild: (parentId, kind, edition) =>
      listAvailableOfferingItemsForChild(ctx, parentId, kind, edition),
    setOfferingItems: (tenantId, items) => setOfferingItems(ctx, tenantId, items),
    checkLogin: (login) => checkLogin(ctx, login),
    createUser: (input) => createUser(ctx, input),
    getUser: (userId) => getUser(ctx, userId),
    listTenantUsers: (tenantId) => listTenantUsers(ctx, tenantId),
    findTenantUserByLogin: (tenantId, login) => findTenantUserByLogin(ctx, tenantId, login),
    getAccessPolicies: (userId) => getAccessPolicies(ctx, userId),
    setAccessPolicies: (userId, tenantId, roles) => setAccessPolicies(ctx, userId, tenantId, roles),
    sendActivationEmail: (userId) => sendActivationEmail(ctx, userId),
    getUsages: (tenantIds, query) => getUsages(ctx, tenantIds, query),
    createUsageReport: (input) => createUsageReport(ctx, input),
    listStoredReports: (reportId) => listStoredReports(ctx, reportId),
    waitForReport: (reportId, opts, format) => waitForReport(ctx, reportId, opts, format),
    downloadReport: (reportId, storedId, format, expected) =>
      downloadReport(ctx, reportId, storedId, format, expected),
    deleteReport: (report) => deleteReport(ctx, report),
    fetchUsageReport: (input, wait) => fetchUsageReport(ctx, input, wait),
    fetchDailyUsageReport: (input, wait) => fetchDailyUsageReport(ctx, input, wait),
    tokensIssued: () => tokenProvider.issuedCount(),
  };
}
