import { eq } from "drizzle-orm";
import { STEP_PLANS } from "@/lib/provisioning/steps";
import type { Tx } from "../client";
import * as s from "../schema";

/**
 * Demo data for a first start: a brand, staff logins and four resellers with customers and usage. Three are
 * paid since six months ago and get their closed months invoiced (Thames, with few customers for its tier,
 * pays a top-up); Wattle started this month in ramp-up, its commitment waived. Northwind has a customer in
 * a folder, one under a sub-partner, one in trial (not billed) and one with hyperscaler storage.
 */

export const demoBrand = {
  name: "Skyline Distribution",
  legalName: "Skyline Distribution Inc.",
  tagline: "Acronis Cyber Protect Cloud for managed service providers, billed exactly.",
  supportEmail: "support@skyline.example",
  primaryColor: "#1d4ed8",
  accentColor: "#0f766e",
  addressLines: ["500 Market Street, Suite 1200", "San Francisco, CA 94105"],
  country: "US",
  taxId: "US-EIN 12-3456789",
  // What Acronis takes off the price list for this distributor: the demo's margin report has a margin to show.
  distributorDiscountPercent: "22",
};

/**
 * Known API keys of the demo (like its passwords, only in demo mode): the distributor's, for the README's
 * curl example, and one read-only key of Northwind. Printed on every start of the demo.
 */
export const demoApiKeys: {
  name: string;
  key: string;
  scopes: ("read" | "write")[];
  /** The reseller's tag (demoResellers), or null for the distributor's key. */
  reseller: string | null;
}[] = [
  {
    name: "Demo ERP connector",
    key: "tl_demo-distributor-key-2026",
    scopes: ["read", "write"],
    reseller: null,
  },
  {
    name: "Demo PSA (read only)",
    key: "tl_demo-northwind-key-2026",
    scopes: ["read"],
    reseller: "demo-northwind",
  },
];

export const demoStaff = [
  { email: "admin@skyline.example", name: "Avery Admin", role: "admin", password: "admin-demo-2026" },
  { email: "finance@skyline.example", name: "Finn Finance", role: "finance", password: "finance-demo-2026" },
  { email: "support@skyline.example", name: "Sam Support", role: "support", password: "support-demo-2026" },
] as const;

export type DemoReseller = {
  tag: string;
  name: string;
  legalName: string;
  addressLine1: string;
  city: string;
  postalCode: string;
  country: string;
  taxId: string;
  taxRatePercent: string;
  currency: string;
  tier: string;
  /** Paid since the 1st of the month this many months before the seed's day (0: this month). */
  paidMonthsAgo: number;
  /** Cycles with the commitment waived (domain.md §3; the seed's policy maximum is 1). */
  rampUpCycles: number;
  users: { email: string; name: string; role: "owner" | "billing" | "viewer"; password: string }[];
  customers: string[];
  /** Where some customers sit and how they are billed, so the demo shows each case of domain.md §4. */
  placements?: Record<string, DemoPlacement>;
};

export type DemoPlacement = {
  /** A folder under the reseller's partner tenant the customer lives in. */
  folder?: string;
  /** A sub-partner of the reseller the customer belongs to. */
  subPartner?: string;
  /** A customer in trial since the 1st of this month: listed, its usage shown, not billed. */
  trial?: boolean;
  /** Backup storage on the hyperscaler's infrastructure, billed by its own SKU (GB, from the paid start). */
  hyperscalerStorageGb?: number;
};

/** The Acronis tenant a placement puts the customer under, below the reseller's partner tenant. */
export function placementParent(
  p: DemoPlacement | undefined,
): { name: string; kind: "folder" | "partner" } | null {
  if (p?.folder) return { name: p.folder, kind: "folder" };
  if (p?.subPartner) return { name: p.subPartner, kind: "partner" };
  return null;
}

export const demoResellers: DemoReseller[] = [
  {
    tag: "demo-northwind",
    name: "Northwind IT Services",
    legalName: "Northwind IT Services LLC",
    addressLine1: "12 Harbor Way",
    city: "Seattle",
    postalCode: "98101",
    country: "US",
    taxId: "US-EIN 98-7654321",
    taxRatePercent: "0",
    currency: "USD",
    tier: "T2",
    paidMonthsAgo: 6,
    rampUpCycles: 0,
    users: [
      { email: "owner@northwind.example", name: "Nora Owner", role: "owner", password: "owner-demo-2026" },
      {
        email: "billing@northwind.example",
        name: "Ben Billing",
        role: "billing",
        password: "billing-demo-2026",
      },
      { email: "viewer@northwind.example", name: "Vic Viewer", role: "viewer", password: "viewer-demo-2026" },
    ],
    customers: [
      "Acme Dental",
      "Borealis Law",
      "Cascade Logistics",
      "Driftwood Cafe",
      "Evergreen Clinic",
      "Foxglove Architects",
      "Harborview Hospital",
      "Orca Veterinary",
      "Juniper Labs",
    ],
    // Customers beyond the partner tenant's direct children, one in trial, storage on a hyperscaler.
    placements: {
      "Harborview Hospital": { folder: "Hospitals" },
      "Orca Veterinary": { subPartner: "Salish Sea IT" },
      "Juniper Labs": { trial: true },
      "Cascade Logistics": { hyperscalerStorageGb: 750 },
    },
  },
  {
    tag: "demo-kopernikus",
    name: "Kopernikus Systemhaus",
    legalName: "Kopernikus Systemhaus GmbH",
    addressLine1: "Torstraße 140",
    city: "Berlin",
    postalCode: "10119",
    country: "DE",
    taxId: "DE123456789",
    taxRatePercent: "19",
    currency: "EUR",
    tier: "T1",
    paidMonthsAgo: 6,
    rampUpCycles: 0,
    users: [
      { email: "owner@kopernikus.example", name: "Klara Owner", role: "owner", password: "owner-demo-2026" },
    ],
    customers: ["Bäckerei Sonnenschein", "Havel Steuerberatung", "Spree Logistik", "Tegel Autohaus"],
  },
  {
    tag: "demo-thames",
    name: "Thames Managed Services",
    legalName: "Thames Managed Services Ltd",
    addressLine1: "88 Southwark Bridge Road",
    city: "London",
    postalCode: "SE1 0EX",
    country: "GB",
    taxId: "GB123456789",
    taxRatePercent: "20",
    currency: "GBP",
    tier: "T3",
    paidMonthsAgo: 6,
    rampUpCycles: 0,
    users: [{ email: "owner@thames.example", name: "Tom Owner", role: "owner", password: "owner-demo-2026" }],
    // Committed to Tier 3 with two customers so far: its usage stays below the commitment (a top-up line).
    customers: ["Greenwich Opticians", "Kew Gardens Trust"],
  },
  {
    tag: "demo-wattle",
    name: "Wattle Cloud Services",
    legalName: "Wattle Cloud Services Pty Ltd",
    addressLine1: "200 George Street",
    city: "Sydney NSW",
    postalCode: "2000",
    country: "AU",
    taxId: "12345678901",
    // Australian GST.
    taxRatePercent: "10",
    currency: "AUD",
    // Tier 3 for its prices while it moves its customers over: the ramp-up waives the commitment meanwhile.
    tier: "T3",
    paidMonthsAgo: 0,
    rampUpCycles: 1,
    users: [
      { email: "owner@wattle.example", name: "Willa Owner", role: "owner", password: "owner-demo-2026" },
    ],
    customers: ["Bondi Physiotherapy", "Manly Surf School", "Parramatta Plumbing"],
  },
];

/**
 * The provisioning a demo reseller would have gone through at its paid start: one succeeded `provision` job
 * with every step of the plan (lib/provisioning's STEP_PLANS), so its detail page shows the history like a
 * reseller that signed up. Once per contract.
 */
export async function seedProvisioningHistory(
  tx: Tx,
  v: { contract: s.Contract; reseller: s.Reseller; tier: s.Tier; at: Date },
): Promise<void> {
  const [known] = await tx
    .select({ id: s.provisioningJobs.id })
    .from(s.provisioningJobs)
    .where(eq(s.provisioningJobs.contractId, v.contract.id))
    .limit(1);
  if (known) return;
  const plan = STEP_PLANS.provision;
  const stepAt = (i: number) => new Date(v.at.getTime() + (i + 1) * 2_000);
  const [job] = await tx
    .insert(s.provisioningJobs)
    .values({
      contractId: v.contract.id,
      kind: "provision",
      status: "succeeded",
      params: {
        tierCode: v.tier.code,
        tierLevelValue: v.tier.acronisTierLevelValue,
        pricingMode: "production",
        currency: v.contract.currency,
      },
      attempts: 1,
      createdAt: v.at,
      updatedAt: stepAt(plan.length),
      finishedAt: stepAt(plan.length),
    })
    .returning({ id: s.provisioningJobs.id });
  const tenantId = v.reseller.acronisTenantId;
  await tx.insert(s.provisioningSteps).values(
    plan.map((step, i) => ({
      jobId: job!.id,
      step: step.name,
      position: i,
      status: "succeeded" as const,
      attempts: 1,
      output: step.name === "create_admin_user" ? { login: v.reseller.acronisAdminLogin } : { tenantId },
      startedAt: stepAt(i),
      finishedAt: stepAt(i),
    })),
  );
}
