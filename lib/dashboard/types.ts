/**
 * What the usage dashboards exchange between the server (lib/dashboard, the route handlers under
 * /api/portal/usage and /api/admin/usage) and the browser (components/charts, components/usage). Amounts
 * are exact decimal strings in the contract's currency, formatted only at the edge (lib/format); charts
 * turn them into numbers for plotting only.
 */

/** The filters a dashboard view carries in its URL (`?month=2026-11&customer=<id>&service=<sku code>`). */
export type UsageFilters = {
  /** YYYY-MM; absent: the current month. */
  month?: string;
  /** A customer id of the reseller. */
  customer?: string;
  /** An SKU code. */
  service?: string;
};

export type MonthState = "current" | "closed";

/** One customer's share of the month. */
export type CustomerAmount = {
  id: string;
  name: string;
  /** Rated consumption of this customer in the month (to date for the current month). */
  amount: string;
  /** Services with a billed quantity. */
  services: number;
};

/** Customers left out of a bounded breakdown: how many, and their rated consumption summed. */
export type OtherCustomers = { count: number; amount: string };

/** One service (SKU) across the reseller's customers in the month. */
export type ServiceAmount = {
  sku: string;
  name: string;
  /** The billing unit (GB, workload, hour…). */
  unit: string;
  /** Sum of the billed quantities of the customers (4 decimals). */
  quantity: string;
  amount: string;
};

/** The month's figures, rated by lib/billing exactly like its invoice. */
export type MonthFigures = {
  consumption: string;
  commitment: string;
  rampUpWaived: boolean;
  topUp: string;
  subtotal: string;
  tax: string;
  total: string;
};

/** The current month projected to its end (domain.md §4: dashboards). */
export type Projection = MonthFigures & {
  /** One line saying how: peak services at today's peak, cumulative ones extrapolated per day. */
  method: string;
  /** The days of usage the projection stands on, and the month's length. */
  daysElapsed: number;
  daysInMonth: number;
};

export type UsageSummary = {
  resellerId: string;
  contractId: string | null;
  month: string;
  state: MonthState;
  currency: string;
  tier: { code: string; name: string } | null;
  /** The last usage day counted (today for the current month, the month's last day for a closed one). */
  asOf: string;
  /** When usage was last synced from Acronis for this reseller (ISO instant), or null. */
  lastSyncAt: string | null;
  /** False when no day of the month is paid (trial, not started, cancelled before it). */
  billable: boolean;
  rampUp: { cycle: number; cycles: number } | null;
  /** The month as rated so far (the invoice if the month ended with usage as it is). */
  figures: MonthFigures;
  projection: Projection | null;
  /** The month's invoice once issued: the dashboard links to it. */
  invoice: { id: string; number: string | null; status: string; total: string } | null;
  /**
   * The customers of the reseller with usage in the month costing the most, largest amount first (filters
   * applied): at most TOP_CUSTOMERS (lib/dashboard/top-customers.ts), the rest summed in `otherCustomers`.
   */
  customers: CustomerAmount[];
  /** The customers with usage beyond `customers`, summed; null when `customers` lists every one. */
  otherCustomers: OtherCustomers | null;
  /** Every service with usage in the month, largest amount first (filters applied). */
  services: ServiceAmount[];
  /** Filters echoed back after validation (unknown ids are refused with 404 before this). */
  filters: UsageFilters;
  /**
   * What the filter bar offers: the months that can be shown, the customers costing the most in the month
   * (at most FILTER_CUSTOMERS, by name, and the one chosen), the services in use.
   */
  options: {
    months: string[];
    customers: { id: string; name: string }[];
    services: { sku: string; name: string }[];
  };
};

/** Month-to-date cost day by day: each day is the month rated with usage up to that day. */
export type DailySeries = {
  month: string;
  currency: string;
  by: "customer" | "service";
  /** The stacked series, largest last-day amount first; beyond the top ones they are summed as "other". */
  keys: { key: string; label: string }[];
  days: { day: string; values: Record<string, string>; total: string }[];
};

/** Twelve months of billed totals: issued invoices where they exist, the estimate for the current month. */
export type MonthlyHistory = {
  currency: string;
  months: {
    month: string;
    source: "invoice" | "estimate" | "none";
    invoiceId: string | null;
    consumption: string;
    commitment: string;
    topUp: string;
    rampUpWaived: boolean;
    total: string;
  }[];
};

/** One customer's page: its services day by day, its cost per service, its history and invoice lines. */
export type CustomerUsage = {
  /**
   * `path`: folders and sub-partners between the reseller and the customer ("" when direct); `billed`: false
   * for a customer in trial in this month, whose usage is shown but never rated (domain.md §4).
   */
  customer: { id: string; name: string; enabled: boolean; path: string; billed: boolean };
  month: string;
  currency: string;
  /** Per service: daily quantities in billing units, the peak (or last) day marked, cost to date. */
  services: {
    sku: string;
    name: string;
    unit: string;
    aggregation: "peak" | "last";
    days: { day: string; quantity: string }[];
    /** The day whose value is billed (peak day, or last day for cumulative services). */
    billedDay: string | null;
    billedQuantity: string;
    amount: string;
  }[];
  total: string;
  /** Month by month: this customer's consumption (invoice lines where issued, estimate otherwise). */
  history: { month: string; amount: string; source: "invoice" | "estimate" }[];
  /** Its lines on issued invoices, newest first. */
  invoiceLines: {
    invoiceId: string;
    invoiceNumber: string | null;
    period: string;
    sku: string;
    description: string;
    quantity: string;
    unit: string;
    unitPrice: string;
    amount: string;
  }[];
};

/** The back office's view across resellers; amounts in the distributor's base currency (FX, §5.4). */
export type AdminUsageOverview = {
  currency: string;
  /** When the projections were last computed (after a usage sync), or null before the first. */
  asOf: string | null;
  /**
   * Month by month: issued invoices for closed months, the projections for the current one. `waived` is
   * the commitment waived by ramp-up; `commitments` the commitments in force (waived or not).
   */
  months: {
    month: string;
    source: "invoices" | "projection";
    invoices: number;
    consumption: string;
    topUps: string;
    commitments: string;
    waived: string;
    total: string;
  }[];
  /** Paid contracts whose projected consumption is below their commitment this month, largest gap first. */
  belowCommitment: {
    resellerId: string;
    name: string;
    tier: string;
    currency: string;
    consumption: string;
    commitment: string;
    projectedConsumption: string;
    projectedTopUp: string;
    rampUpWaived: boolean;
  }[];
  /** Resellers by growth of consumption: this month's projection against last month's invoice. */
  fastestGrowing: {
    resellerId: string;
    name: string;
    currency: string;
    previous: string;
    projected: string;
    /** Percent, one decimal; null when last month was zero. */
    growthPercent: string | null;
  }[];
  /** Trials ending in the next 14 days, with what their usage would cost on their tier this month. */
  trialsEnding: {
    resellerId: string;
    name: string;
    tier: string;
    currency: string;
    trialEndsOn: string;
    daysLeft: number;
    customers: number;
    projectedConsumption: string;
  }[];
};
