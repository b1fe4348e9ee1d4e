/** Seed catalogue of domain.md §2: data an admin can change later, not constants the code relies on. */

export const PRICE_LIST_CURRENCIES = ["USD", "EUR", "GBP", "AUD", "JPY", "CAD"] as const;

export const seedTiers = [
  { code: "T0", name: "Tier 0", commitmentUsd: "0", acronisTierLevelValue: -1, trialAllowed: true },
  { code: "T1", name: "Tier 1", commitmentUsd: "250", acronisTierLevelValue: 0, trialAllowed: true },
  { code: "T2", name: "Tier 2", commitmentUsd: "1000", acronisTierLevelValue: 1, trialAllowed: true },
  { code: "T3", name: "Tier 3", commitmentUsd: "2500", acronisTierLevelValue: 2, trialAllowed: true },
  { code: "T4", name: "Tier 4", commitmentUsd: "10000", acronisTierLevelValue: 3, trialAllowed: true },
  { code: "T5", name: "Tier 5", commitmentUsd: "25000", acronisTierLevelValue: 4, trialAllowed: true },
  { code: "PROMO", name: "Promo", commitmentUsd: "99", acronisTierLevelValue: -1, trialAllowed: false },
].map((t, i) => ({ ...t, sortOrder: i, orderable: true }));

const GIB = "1073741824";
type SeedSku = {
  code: string;
  name: string;
  unit: string;
  acronisUnit: string;
  aggregation: "peak" | "last";
  divisor: string;
  isMain?: boolean;
  /** Listed on the storefront (default true; only main services are shown there anyway). */
  storefront?: boolean;
  /** The Acronis offering item it bills when that is not its code (domain.md §4). */
  acronisName?: string;
  /** Whose storage it bills: each storage infrastructure owner maps to its own SKU (domain.md §4). */
  storageOwner?: "acronis" | "hyperscaler";
  /** USD sell prices for T0..T5; Promo uses T1's. */
  usd: [string, string, string, string, string, string];
};

const NOT_BILLED: SeedSku["usd"] = ["0.0000", "0.0000", "0.0000", "0.0000", "0.0000", "0.0000"];

export const seedSkus: SeedSku[] = [
  {
    code: "pw_base_workstations",
    name: "Workstations",
    unit: "workload",
    acronisUnit: "quantity",
    aggregation: "peak",
    divisor: "1",
    isMain: true,
    usd: ["4.2000", "3.8000", "3.5000", "3.2000", "2.9000", "2.6000"],
  },
  {
    code: "pw_base_servers",
    name: "Servers",
    unit: "workload",
    acronisUnit: "quantity",
    aggregation: "peak",
    divisor: "1",
    isMain: true,
    usd: ["21.0000", "19.0000", "17.5000", "16.0000", "14.5000", "13.0000"],
  },
  {
    code: "pw_base_vms",
    name: "Virtual machines",
    unit: "workload",
    acronisUnit: "quantity",
    aggregation: "peak",
    divisor: "1",
    isMain: true,
    usd: ["14.0000", "12.7000", "11.7000", "10.6500", "9.6500", "8.7000"],
  },
  {
    code: "pw_base_web_hosting_servers",
    name: "Web hosting servers",
    unit: "workload",
    acronisUnit: "quantity",
    aggregation: "peak",
    divisor: "1",
    usd: ["9.5000", "8.6000", "7.9500", "7.2000", "6.5500", "5.9000"],
  },
  {
    code: "pw_base_mobiles",
    name: "Mobile devices",
    unit: "workload",
    acronisUnit: "quantity",
    aggregation: "peak",
    divisor: "1",
    usd: ["1.2000", "1.0900", "1.0000", "0.9100", "0.8300", "0.7400"],
  },
  {
    code: "pw_base_m365_seats",
    name: "Microsoft 365 seats",
    unit: "seat",
    acronisUnit: "quantity",
    aggregation: "peak",
    divisor: "1",
    isMain: true,
    usd: ["1.4500", "1.3000", "1.2000", "1.1000", "1.0000", "0.9000"],
  },
  {
    code: "pw_base_gworkspace_seats",
    name: "Google Workspace seats",
    unit: "seat",
    acronisUnit: "quantity",
    aggregation: "peak",
    divisor: "1",
    usd: ["1.4000", "1.2700", "1.1700", "1.0600", "0.9700", "0.8700"],
  },
  {
    code: "pw_pack_adv_security",
    name: "Advanced Security pack",
    unit: "workload",
    acronisUnit: "quantity",
    aggregation: "peak",
    divisor: "1",
    usd: ["2.1000", "1.9000", "1.7500", "1.6000", "1.4500", "1.3000"],
  },
  {
    code: "pw_pack_adv_management",
    name: "Advanced Management pack",
    unit: "workload",
    acronisUnit: "quantity",
    aggregation: "peak",
    divisor: "1",
    usd: ["1.6000", "1.4500", "1.3400", "1.2200", "1.1000", "0.9900"],
  },
  {
    code: "pw_pack_adv_backup_servers",
    name: "Advanced Backup pack (servers)",
    unit: "workload",
    acronisUnit: "quantity",
    aggregation: "peak",
    divisor: "1",
    usd: ["6.0000", "5.4300", "5.0000", "4.5700", "4.1400", "3.7100"],
  },
  {
    code: "pw_base_storage",
    storageOwner: "acronis",
    name: "Backup storage",
    unit: "GB",
    acronisUnit: "bytes",
    aggregation: "peak",
    divisor: GIB,
    isMain: true,
    usd: ["0.0950", "0.0850", "0.0780", "0.0710", "0.0650", "0.0590"],
  },
  {
    code: "pw_base_adv_dr_storage",
    storageOwner: "acronis",
    name: "Disaster recovery storage",
    unit: "GB",
    acronisUnit: "bytes",
    aggregation: "peak",
    divisor: GIB,
    usd: ["0.1200", "0.1090", "0.1000", "0.0910", "0.0830", "0.0740"],
  },
  {
    code: "pw_base_adv_dr_compute_points",
    storageOwner: "acronis",
    name: "Disaster recovery compute points",
    unit: "hour",
    acronisUnit: "seconds",
    aggregation: "last",
    divisor: "3600",
    usd: ["0.9000", "0.8500", "0.8000", "0.7500", "0.7000", "0.6500"],
  },
  {
    code: "pu_base_fc_seats",
    name: "File Sync & Share users",
    unit: "user",
    acronisUnit: "quantity",
    aggregation: "peak",
    divisor: "1",
    usd: ["2.5000", "2.2600", "2.0900", "1.9000", "1.7300", "1.5500"],
  },
  {
    code: "pu_base_fc_storage",
    storageOwner: "acronis",
    name: "File Sync & Share storage",
    unit: "GB",
    acronisUnit: "bytes",
    aggregation: "peak",
    divisor: GIB,
    usd: ["0.0450", "0.0410", "0.0380", "0.0340", "0.0310", "0.0280"],
  },
  // Storage on a hyperscaler (Acronis's public-cloud infrastructures) arrives as `pw_base_storage` rows on
  // that infrastructure and is priced on its own, a little above Acronis-hosted storage.
  {
    code: "pw_base_storage_hyperscaler",
    name: "Backup storage (hyperscaler)",
    acronisName: "pw_base_storage",
    storageOwner: "hyperscaler",
    unit: "GB",
    acronisUnit: "bytes",
    aggregation: "peak",
    divisor: GIB,
    storefront: false,
    usd: ["0.1150", "0.1030", "0.0940", "0.0860", "0.0790", "0.0710"],
  },
  // The per-gigabyte edition (`pg_*`): storage is billed per GB; its workloads are counted and shown on the
  // invoice at a zero price (data, not code: a distributor that bills them sets a price).
  {
    code: "pg_base_storage",
    name: "Backup storage (per-gigabyte edition)",
    storageOwner: "acronis",
    unit: "GB",
    acronisUnit: "bytes",
    aggregation: "peak",
    divisor: GIB,
    storefront: false,
    usd: ["0.1900", "0.1720", "0.1580", "0.1440", "0.1310", "0.1180"],
  },
  {
    code: "pg_base_workstations",
    name: "Workstations (per-gigabyte edition, not billed)",
    unit: "workload",
    acronisUnit: "quantity",
    aggregation: "peak",
    divisor: "1",
    storefront: false,
    usd: NOT_BILLED,
  },
  {
    code: "pg_base_servers",
    name: "Servers (per-gigabyte edition, not billed)",
    unit: "workload",
    acronisUnit: "quantity",
    aggregation: "peak",
    divisor: "1",
    storefront: false,
    usd: NOT_BILLED,
  },
  {
    code: "pg_base_vms",
    name: "Virtual machines (per-gigabyte edition, not billed)",
    unit: "workload",
    acronisUnit: "quantity",
    aggregation: "peak",
    divisor: "1",
    storefront: false,
    usd: NOT_BILLED,
  },
];

/** Price-list factors from USD; seed only (a distributor imports Acronis's real lists). */
export const currencyFactors: Record<(typeof PRICE_LIST_CURRENCIES)[number], string> = {
  USD: "1",
  EUR: "0.92",
  GBP: "0.79",
  AUD: "1.52",
  JPY: "150",
  CAD: "1.36",
};

/** FX from USD: price-list currencies (for commitments) and currencies without an Acronis price list. */
export const seedFxFromUsd: Record<string, string> = {
  EUR: "0.9210",
  GBP: "0.7890",
  AUD: "1.5230",
  JPY: "151.20",
  CAD: "1.3610",
  SEK: "10.4500",
  CHF: "0.8830",
  PLN: "3.9800",
  NOK: "10.7100",
  DKK: "6.8700",
};

/** The Acronis offering items provisioning enables: every SKU's Acronis name, once. */
export const seedOfferingItems = [...new Set(seedSkus.map((s) => s.acronisName ?? s.code))];

/** The seed price book's version starts long before any invoice, so every demo month is priced by it. */
export const INITIAL_PRICE_VERSION = "2000-01-01";

const vat = (country: string, ratePercent: string) => ({
  country,
  ratePercent,
  label: "VAT standard rate",
});

/**
 * Seed tax table (domain.md §2.4): the EU member states' standard VAT rates, the demo resellers' other
 * countries (GB VAT, AU GST) and the distributor's own (US: no federal sales tax on the service). A country
 * not in the table is taxed 0 %. Data a distributor maintains, not constants.
 */
export const seedTaxRates = [
  vat("AT", "20"),
  vat("BE", "21"),
  vat("BG", "20"),
  vat("HR", "25"),
  vat("CY", "19"),
  vat("CZ", "21"),
  vat("DK", "25"),
  vat("EE", "24"),
  vat("FI", "25.5"),
  vat("FR", "20"),
  vat("DE", "19"),
  vat("GR", "24"),
  vat("HU", "27"),
  vat("IE", "23"),
  vat("IT", "22"),
  vat("LV", "21"),
  vat("LT", "21"),
  vat("LU", "17"),
  vat("MT", "18"),
  vat("NL", "21"),
  vat("PL", "23"),
  vat("PT", "23"),
  vat("RO", "21"),
  vat("SK", "23"),
  vat("SI", "22"),
  vat("ES", "21"),
  vat("SE", "25"),
  vat("GB", "20"),
  { country: "AU", ratePercent: "10", label: "GST" },
  { country: "US", ratePercent: "0", label: "No federal sales tax on the service" },
];
