// Billing runs, invoices, credit notes and invoice documents (domain.md §5.4–5.5).
export {
  type BillingRunOptions,
  countRunInvoices,
  createBillingRun,
  getBillingRun,
  resumeDrafting,
  startBillingRun,
} from "./billing-run";
export { type Catalogue, loadCatalogue } from "./catalogue-loader";
export { type LoadedContract, loadContractInputs } from "./contract-loader";
export { countCoveredContracts, listCoveredContractIds } from "./coverage";
export { type CreditNoteSummary, createCreditNote } from "./credit-notes";
export { renderInvoiceCsv } from "./csv";
export { getInvoiceDocument, type InvoiceDocument } from "./document";
export { estimateMonthToDate, type MonthToDateEstimate } from "./estimate";
export { markPaid, voidInvoice } from "./invoice-status";
export { type IssueHooks, issueBillingRun, issueInvoice } from "./issue";
export type { CustomerGroup, ShownLine } from "./line-groups";
export { renderInvoicePdf } from "./pdf";
export {
  assertPeriodClosed,
  lastClosedPeriod,
  type PeriodState,
  periodState,
  recentClosedPeriods,
} from "./periods";
export {
  type BillingPreview,
  type ContractPreview,
  type CurrencyTotals,
  type PeriodPreview,
  previewBillingPeriod,
  previewBillingRun,
  streamBillingPreview,
} from "./preview";
export {
  type BillingRunView,
  type BillingRunWorker,
  getBillingRunView,
  type RunControls,
  type RunJobOptions,
  type RunPhase,
  requestBillingRun,
  requestIssue,
  requestResume,
  resumeBillingRun,
  runControls,
  startBillingRunWorker,
  workingRunIds,
} from "./run-jobs";
