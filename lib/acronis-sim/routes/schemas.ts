import { z } from "zod";
import { UUID_RE } from "../util";

// Request-body schemas: `additionalProperties: false` in the OpenAPI document → z.strictObject.

export const Uuid = z.string().regex(UUID_RE, "must be a lowercase UUID");
const Text = z.string().max(1024).nullable().optional();

export const TENANT_KINDS = ["root", "partner", "folder", "customer", "unit"] as const;
const CONTACT_TYPES = ["legal", "primary", "billing", "technical", "management"] as const;

export const ContactPut = z.strictObject({
  types: z.array(z.enum(CONTACT_TYPES)).min(1).optional(),
  email: Text,
  address1: Text,
  address2: Text,
  country: Text,
  state: Text,
  city: Text,
  zipcode: Text,
  phone: Text,
  firstname: Text,
  lastname: Text,
  title: Text,
  website: Text,
  industry: Text,
  organization_size: Text,
  email_confirmed: z.boolean().optional(),
  aan: Text,
  language: Text,
  fax: Text,
});

const TenantCommon = {
  contact: ContactPut.optional(),
  enabled: z.boolean().optional(),
  customer_id: z.string().max(256).nullable().optional(),
  internal_tag: z.string().max(256).nullable().optional(),
  language: z.string().min(2).max(16).optional(),
  default_idp_id: Uuid.optional(),
  update_lock: z.strictObject({ enabled: z.boolean() }).optional(),
  ancestral_access: z.boolean().optional(),
};

export const TenantPost = z.strictObject({
  name: z.string().trim().min(1).max(255),
  parent_id: Uuid,
  kind: z.enum(TENANT_KINDS),
  company_billing_contact: ContactPut.optional(),
  settings: z.strictObject({ enhanced_security: z.boolean().optional() }).optional(),
  ...TenantCommon,
});

export const TenantPut = z.strictObject({
  version: z.int(),
  name: z.string().trim().min(1).max(255).optional(),
  customer_type: z.enum(["default", "enterprise", "consumer", "small_office", "ti_unified"]).optional(),
  parent_id: Uuid.optional(),
  kind: z.enum(TENANT_KINDS).optional(),
  brand_id: z.int().nullable().optional(),
  // The spec's enum is deleting|recovering; "no_operation" is what an idle tenant reports [I].
  external_operation_status: z.enum(["deleting", "recovering", "no_operation"]).nullable().optional(),
  ...TenantCommon,
});

export const CURRENCIES = [
  "AUD",
  "BRL",
  "CAD",
  "EUR",
  "CNY",
  "GBP",
  "JPY",
  "KZT",
  "NZD",
  "RUB",
  "USD",
  "ZAR",
] as const;

export const PricingPut = z.strictObject({
  version: z.int(),
  mode: z.enum(["trial", "production", "suspended"]).optional(),
  currency: z.enum(CURRENCIES).nullable().optional(),
});

const QuotaNumber = z.int().min(0).nullable();

export const OfferingItemsPut = z.strictObject({
  offering_items: z.array(
    // Read-only fields copied from a GET (tenant_id, usage_name, …) are tolerated per item.
    z.looseObject({
      application_id: Uuid,
      name: z.string().min(1),
      status: z.union([z.literal(0), z.literal(1)]).optional(),
      infra_id: Uuid.nullable().optional(),
      quota: z
        .looseObject({ value: QuotaNumber, overage: QuotaNumber.optional(), version: z.int() })
        .optional(),
    }),
  ),
  check_usage: z.boolean().optional(),
});
