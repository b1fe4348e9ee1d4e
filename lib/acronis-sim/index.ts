// A simulated Acronis datacenter (acronis-api.md §12): the Account Management API under /api/2 and a
// test/demo control API under /__sim/ (JSON, no auth):
//   POST /__sim/tenants      {parent_id, name, kind?="customer", pricing_mode?="production", usage_since?,
//                             created_at?, skus?, internal_tag?, customer_id?, enabled?}  → 201 tenant + skus
//   POST /__sim/usage        {tenant_id, usage_name (usage or offering-item name), from?=today, value}
//   GET|POST /__sim/clock    {now} | {advance_days} | {advance_ms}
//   GET|POST|DELETE /__sim/faults  {count?=1 (null = until cleared), method?, path? (prefix, with or without
//                             /api/2), status?, body?, headers?, retry_after?, latency_ms?, expire_tokens?}
//   GET /__sim/state · POST /__sim/reset · GET|DELETE /__sim/requests
//   POST /__sim/users/:id/activate · POST /__sim/offering_items {tenant_id, name, status?, locked?}

export { APP_IDS, CATALOGUE, STORAGE_INFRA_ID } from "./catalogue";
export type { SimulatorOptions } from "./context";
export { type Simulator, startSimulator } from "./server";
export { defaultSkus, generatedValue, USAGE_PROFILES } from "./usage-generator";
