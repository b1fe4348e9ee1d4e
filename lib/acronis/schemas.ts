import { z } from "zod";

// Response schemas for everything the client reads. z.object strips unknown keys, so new fields
// added by Acronis never break us; only fields we depend on are required.

const Str = z.string();
const NullableStr = z.string().nullish();
/** Acronis timestamps: with or without fraction/offset (acronis-api.md §1.2). */
export const Timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/);

const Paging = z.object({ cursors: z.object({ after: z.string().nullish() }).nullish() }).nullish();

export const TokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: Str.optional(),
  expires_in: z.number().optional(),
  expires_on: z.number().optional(),
});

export const TokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.union([z.string(), z.number()]).nullish(),
    message: NullableStr,
    domain: NullableStr,
    details: z.object({ info: z.unknown() }).partial().nullish(),
    context: z.unknown().optional(),
  }),
});

export const ClientSchema = z.object({
  client_id: Str,
  tenant_id: Str,
  status: Str.optional(),
  type: Str.optional(),
});

export const ContactSchema = z.object({
  email: NullableStr,
  firstname: NullableStr,
  lastname: NullableStr,
  phone: NullableStr,
  address1: NullableStr,
  address2: NullableStr,
  city: NullableStr,
  state: NullableStr,
  zipcode: NullableStr,
  country: NullableStr,
});

export const TenantKindSchema = z.enum(["root", "partner", "folder", "customer", "unit"]);
export const PricingModeSchema = z.enum(["trial", "production", "suspended"]);

export const TenantSchema = z.object({
  id: Str,
  version: z.int(),
  name: Str,
  kind: TenantKindSchema,
  parent_id: Str,
  enabled: z.boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
  deleted_at: Timestamp.nullish(),
  production_start_date: Timestamp.nullish(),
  customer_id: NullableStr,
  internal_tag: NullableStr,
  language: NullableStr,
  pricing_mode: PricingModeSchema.nullish(),
  has_children: z.boolean().nullish(),
  contact: ContactSchema.nullish(),
  // The spec's enum is deleting|recovering (nullable); idle tenants are also seen with "no_operation".
  // Any string is accepted so a new value never makes a tenant unreadable.
  external_operation_status: z.string().nullish(),
});

export const TenantBatchSchema = z.object({ items: z.array(TenantSchema), paging: Paging });

/** `GET|PUT /tenants/{id}/mfa/status`. The counters are named `users_count` in Acronis' guide and `users` in its PHP client. */
export const MfaStatusSchema = z.object({
  mfa_status: z.enum(["disabled", "forcibly_disabled", "setup_required", "enabled"]),
  users_count: z.number().nullish(),
  users: z.number().nullish(),
  users_with_totp_enabled_count: z.number().nullish(),
  users_with_totp_enabled: z.number().nullish(),
  update_allowed: z.boolean().nullish(),
});

/** The OpenAPI `infra` object (`GET /infra?uuids=`). */
export const InfraSchema = z.object({
  id: Str,
  name: Str,
  owner_tenant_id: Str,
  location_id: NullableStr,
  platform_owned: z.boolean(),
  url: NullableStr,
  capabilities: z.array(Str).nullish(),
  backend_type: NullableStr,
  version: z.number().nullish(),
  readonly: z.boolean().nullish(),
});

export const InfraBatchSchema = z.object({ items: z.array(InfraSchema) });

/** `GET /tenants/{id}/infra` (`infraList`). */
export const InfraListSchema = z.object({ infras: z.array(Str).nullish() });

export const PricingSchema = z.object({
  mode: PricingModeSchema,
  currency: NullableStr,
  version: z.number(),
  production_start_date: Timestamp.nullish(),
});

export const ApplicationsSchema = z.object({
  items: z.array(z.object({ id: Str, name: Str, type: Str, usages: z.array(Str).nullish() })),
});

export const SettingSchema = z.object({
  name: Str.optional(),
  own: z.object({ value: z.unknown() }).nullish(),
  effective: z.object({ value: z.unknown() }).nullish(),
});

export const QuotaSchema = z.object({
  value: z.number().nullable(),
  overage: z.number().nullish(),
  version: z.number(),
});

export const OfferingItemSchema = z.object({
  application_id: Str,
  name: Str,
  edition: NullableStr,
  usage_name: NullableStr,
  tenant_id: NullableStr,
  status: z.union([z.literal(0), z.literal(1)]),
  locked: z.boolean().nullish(),
  quota: QuotaSchema.nullish(),
  type: Str,
  infra_id: NullableStr,
  measurement_unit: NullableStr,
});

export const OfferingItemListSchema = z.object({ items: z.array(OfferingItemSchema) });

export const UserSchema = z.object({
  id: Str,
  version: z.int(),
  tenant_id: Str,
  login: Str,
  contact: ContactSchema.nullish(),
  activated: z.boolean(),
  enabled: z.boolean(),
  personal_tenant_id: NullableStr,
});

/** `GET /users?uuids=…` (FetchUsersBatch): a page of user objects. */
export const UserBatchSchema = z.object({ items: z.array(UserSchema), paging: Paging });

export const AccessPoliciesSchema = z.object({
  items: z.array(z.object({ id: Str, trustee_id: Str, tenant_id: Str, role_id: Str, version: z.number() })),
});

export const UsageSchema = z.object({
  tenant_id: z.number().nullish(),
  application_id: Str,
  name: Str,
  edition: NullableStr,
  usage_name: Str,
  type: Str,
  measurement_unit: Str,
  infra_id: NullableStr,
  range_start: Timestamp,
  absolute_value: z.number().nullish(),
  value: z.number(),
  offering_item: z.object({ status: z.number(), quota: QuotaSchema.nullish() }).nullish(),
});

export const UsageBatchSchema = z.object({
  items: z.array(z.object({ tenant: Str, usages: z.array(UsageSchema) })),
});

export const ReportSchema = z.object({ id: Str, version: z.number() });

export const StoredReportsSchema = z.object({
  items: z.array(z.object({ id: Str, report_format: NullableStr, status: Str, size: z.number().nullish() })),
});

export const UuidListSchema = z.object({ items: z.array(Str), paging: Paging });
