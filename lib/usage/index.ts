// Usage from Acronis (domain.md §4): customer discovery, scheduled/manual syncs, month close and backfill.
export { discoverCustomers, type SyncError } from "./customers";
export {
  backfillUsageHistory,
  closeUsageMonth,
  type MonthCloseOptions,
  type MonthCloseResult,
} from "./month-close";
export { requestUsageSync, startUsageSyncScheduler, type UsageSyncScheduler } from "./scheduler";
export { runUsageSync, type UsageSyncOptions, type UsageSyncResult } from "./sync";
