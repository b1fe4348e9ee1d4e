import type { z } from "zod";
import type {
  AccessPoliciesSchema,
  ContactSchema,
  OfferingItemSchema,
  PricingSchema,
  TenantSchema,
  UsageSchema,
  UserSchema,
} from "./schemas";
import type {
  AcronisAccessPolicy,
  AcronisContact,
  AcronisOfferingItem,
  AcronisPricing,
  AcronisTenant,
  AcronisUsageRow,
  AcronisUser,
  CreateTenantInput,
} from "./types";

/** Acronis omits the zone on most timestamps; they are UTC. */
export function parseAcronisTime(value: string): Date {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  return new Date(hasZone ? value : `${value}Z`);
}

const timeOrNull = (value: string | null | undefined): Date | null =>
  value ? parseAcronisTime(value) : null;

export function toContact(c: z.infer<typeof ContactSchema> | null | undefined): AcronisContact | null {
  if (!c) return null;
  return {
    email: c.email ?? null,
    firstName: c.firstname ?? null,
    lastName: c.lastname ?? null,
    phone: c.phone ?? null,
    address1: c.address1 ?? null,
    address2: c.address2 ?? null,
    city: c.city ?? null,
    state: c.state ?? null,
    zipcode: c.zipcode ?? null,
    country: c.country ?? null,
  };
}

export function fromContact(c: Partial<AcronisContact>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const pairs: Array<[keyof AcronisContact, string]> = [
    ["email", "email"],
    ["firstName", "firstname"],
    ["lastName", "lastname"],
    ["phone", "phone"],
    ["address1", "address1"],
    ["address2", "address2"],
    ["city", "city"],
    ["state", "state"],
    ["zipcode", "zipcode"],
    ["country", "country"],
  ];
  for (const [ours, theirs] of pairs) if (c[ours] !== undefined) out[theirs] = c[ours];
  return out;
}

export function toTenant(t: z.infer<typeof TenantSchema>): AcronisTenant {
  return {
    id: t.id,
    version: t.version,
    name: t.name,
    kind: t.kind,
    parentId: t.parent_id,
    enabled: t.enabled,
    customerId: t.customer_id ?? null,
    internalTag: t.internal_tag ?? null,
    language: t.language ?? null,
    pricingMode: t.pricing_mode ?? null,
    productionStartDate: timeOrNull(t.production_start_date),
    createdAt: parseAcronisTime(t.created_at),
    updatedAt: parseAcronisTime(t.updated_at),
    deletedAt: timeOrNull(t.deleted_at),
    hasChildren: t.has_children ?? null,
    contact: toContact(t.contact),
    externalOperationStatus: t.external_operation_status ?? null,
  };
}

/** Body fields shared by tenant POST and PUT (only those given). */
export function tenantBody(input: Partial<CreateTenantInput>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (input.name !== undefined) body.name = input.name;
  if (input.internalTag !== undefined) body.internal_tag = input.internalTag;
  if (input.customerId !== undefined) body.customer_id = input.customerId;
  if (input.language !== undefined) body.language = input.language;
  if (input.enabled !== undefined) body.enabled = input.enabled;
  if (input.contact !== undefined) body.contact = fromContact(input.contact);
  return body;
}

export function toPricing(p: z.infer<typeof PricingSchema>): AcronisPricing {
  return {
    mode: p.mode,
    currency: p.currency ?? null,
    version: p.version,
    productionStartDate: timeOrNull(p.production_start_date),
  };
}

export function toOfferingItem(i: z.infer<typeof OfferingItemSchema>): AcronisOfferingItem {
  return {
    applicationId: i.application_id,
    name: i.name,
    edition: i.edition ?? null,
    usageName: i.usage_name ?? null,
    tenantId: i.tenant_id ?? null,
    enabled: i.status === 1,
    locked: i.locked ?? false,
    quota: i.quota
      ? { value: i.quota.value, overage: i.quota.overage ?? null, version: i.quota.version }
      : null,
    type: i.type,
    infraId: i.infra_id ?? null,
    measurementUnit: i.measurement_unit ?? null,
  };
}

export function toUser(u: z.infer<typeof UserSchema>): AcronisUser {
  return {
    id: u.id,
    version: u.version,
    tenantId: u.tenant_id,
    login: u.login,
    email: u.contact?.email ?? null,
    firstName: u.contact?.firstname ?? null,
    lastName: u.contact?.lastname ?? null,
    activated: u.activated,
    enabled: u.enabled,
    personalTenantId: u.personal_tenant_id ?? null,
  };
}

export function toAccessPolicies(p: z.infer<typeof AccessPoliciesSchema>): AcronisAccessPolicy[] {
  return p.items.map((i) => ({
    id: i.id,
    trusteeId: i.trustee_id,
    tenantId: i.tenant_id,
    roleId: i.role_id,
    version: i.version,
  }));
}

export function toUsageRow(tenantId: string, u: z.infer<typeof UsageSchema>): AcronisUsageRow {
  const quota = u.offering_item?.quota;
  return {
    tenantId,
    tenantV1Id: u.tenant_id ?? null,
    applicationId: u.application_id,
    name: u.name,
    usageName: u.usage_name,
    edition: u.edition ?? null,
    type: u.type,
    measurementUnit: u.measurement_unit,
    infraId: u.infra_id ?? null,
    value: u.value,
    absoluteValue: u.absolute_value ?? null,
    rangeStart: parseAcronisTime(u.range_start),
    offeringItemEnabled: u.offering_item ? u.offering_item.status === 1 : null,
    quota: quota ? { value: quota.value, overage: quota.overage ?? null, version: quota.version } : null,
  };
}
