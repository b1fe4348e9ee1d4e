// Usage from Acronis (domain.md §4): customer discovery, scheduled/manual syncs, month close and backfill.
export { customerBilledIn } from "./billed";
export { type CustomerListRow, listCustomers } from "./customer-list";
export { discoverCustomers, type SyncError, subtreePath } from "./customers";
export {
  backfillUsageHistory,
  closeUsageMonth,
  type MonthCloseOptions,
  type MonthCloseResult,
} from "./month-close";
export {
  latestUsageReport,
  type StoredReportRow,
  storeUsageReport,
  toStoredRow,
  type UsageReportMeta,
} from "./report-store";
export { requestUsageSync, startUsageSyncScheduler, type UsageSyncScheduler } from "./scheduler";
export {
  createSkuResolver,
  loadSkusByAcronisName,
  PARTNER_STORAGE_NOTE,
  refreshInfrastructures,
  resolveSku,
  type SkuRef,
  type SkuResolution,
  type SkuResolver,
  type UsageRowRef,
} from "./sku-resolver";
export { runUsageSync, type UsageSyncOptions, type UsageSyncResult } from "./sync";
