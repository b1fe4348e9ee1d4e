// A simulated Acronis datacenter (acronis-api.md §12): the Account Management API under /api/2 and a
// test/demo control API under /__sim/ (JSON, no auth):
//   POST /__sim/tenants      {parent_id (any partner, folder or customer), name, kind?="customer"
//                             (partner|folder|customer|unit), pricing_mode?="production" (trial|production|
//                             suspended), production_start_date? (trial default: 1st after a full month),
//                             external_operation_status?, usage_since?, created_at?, skus?, internal_tag?,
//                             customer_id?, enabled?}  → 201 tenant + skus
//   POST /__sim/usage        {tenant_id, usage_name (usage or offering-item name), infra_id? (storage items:
//                             default the Acronis-hosted infra), from?=today, value}
//   GET|POST /__sim/infra    list | register {name, owner_tenant_id, id?, platform_owned?=false,
//                             backend_type?=null, capabilities?=["backup"], url?} → 201 infra (items enabled
//                             on the owner)
//   GET|POST /__sim/clock    {now} | {advance_days} | {advance_ms}
//   GET|POST|DELETE /__sim/faults  {count?=1 (null = until cleared), method?, path? (prefix, with or without
//                             /api/2), status?, body?, headers?, retry_after?, latency_ms?, expire_tokens?}
//   GET /__sim/state · POST /__sim/reset · GET|DELETE /__sim/requests
//   POST /__sim/users/:id/activate · POST /__sim/offering_items {tenant_id, name, infra_id?, status?, locked?}

export {
  ACRONIS_INFRA_ID,
  APP_IDS,
  AZURE_INFRA_ID,
  CATALOGUE,
  PARTNER_INFRA_ID,
  SIM_LOCATION_ID,
  STORAGE_INFRA_ID,
} from "./catalogue";
export type { SimulatorOptions } from "./context";
export { type Simulator, startSimulator } from "./server";
export { defaultSkus, generatedValue, USAGE_PROFILES } from "./usage-generator";
