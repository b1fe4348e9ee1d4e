// Reconciliation (issue 14, item 8): a closed month's invoices against what Acronis reports for it.
export { CHECK_REPORT, type CheckResult, checkDatacenter, checkMonth } from "./check";
export {
  type Comparison,
  type CustomerRow,
  compareUsage,
  type FlagReason,
  type ResellerRow,
  type ServiceRow,
} from "./compare";
export { FLAG_LABELS, reconciliationCsv, UNMATCHED_LABELS, unmatchedCsv } from "./csv";
export {
  type CheckJob,
  checkJobs,
  checkKey,
  type ReconciliationWorker,
  type RequestedCheck,
  requestCheck,
  startReconciliationWorker,
} from "./jobs";
export { listClosedMonths, type StoredCheck, type UnmatchedRow } from "./queries";
export {
  type DatacenterStatus,
  getComparison,
  getReconciliationView,
  pickMonth,
  type ReconciliationView,
} from "./view";
