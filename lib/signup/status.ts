import "server-only";
import { and, asc, desc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts, provisioningJobs, provisioningSteps, resellers, signups, tiers } from "@/db/schema";
import { STEP_PLANS } from "@/lib/provisioning/steps";

/** What the reseller sees for each provisioning step (domain.md §6), in order. */
export const STEP_LABELS: Record<string, string> = {
  find_or_create_tenant: "Create your partner account in Acronis",
  set_pricing_mode: "Set the pricing mode (trial or production)",
  set_billing_settings: "Apply your tier to Acronis billing",
  enable_offering_items: "Enable your services",
  create_admin_user: "Create your administrator login",
  set_access_policy: "Grant the partner administrator role",
  send_activation_email: "Send the Acronis activation email",
  store_reseller_ids: "Link your account to Acronis",
};

export type SetupStepView = {
  name: string;
  label: string;
  status: "waiting" | "running" | "done" | "retrying" | "failed";
  attempts: number;
};

export type SetupStatus = {
  phase: "awaiting_verification" | "awaiting_approval" | "rejected" | "provisioning" | "failed" | "ready";
  tierName: string | null;
  trial: boolean;
  contractState: string | null;
  steps: SetupStepView[];
  /** Where Acronis sent the activation email, once that step finished. */
  activationEmailTo: string | null;
  acronisLogin: string | null;
  updatedAt: string;
};

/**
 * The reseller's own view of getting started: sign-up gate, then the latest `provision` job's steps. The
 * Acronis error itself stays in the back office; the reseller gets a human message (the page).
 */
export async function getSetupStatus(db: Db, resellerId: string): Promise<SetupStatus> {
  const [reseller] = await db.select().from(resellers).where(eq(resellers.id, resellerId));
  const [signup] = await db.select().from(signups).where(eq(signups.resellerId, resellerId));
  const [live] = await db
    .select({ contract: contracts, tierName: tiers.name })
    .from(contracts)
    .innerJoin(tiers, eq(tiers.id, contracts.tierId))
    .where(and(eq(contracts.resellerId, resellerId), ne(contracts.state, "cancelled")))
    .orderBy(desc(contracts.createdAt))
    .limit(1);
  const base = {
    tierName: live?.tierName ?? null,
    trial: live?.contract.isTrial ?? signup?.trial ?? false,
    contractState: live?.contract.state ?? null,
    activationEmailTo: null as string | null,
    acronisLogin: reseller?.acronisAdminLogin ?? null,
    updatedAt: new Date().toISOString(),
  };
  const plan = STEP_PLANS.provision.map((s) => s.name);
  const waiting = plan.map((name) => ({
    name,
    label: STEP_LABELS[name] ?? name,
    status: "waiting" as const,
    attempts: 0,
  }));
  if (signup?.rejectedAt) return { ...base, phase: "rejected", steps: waiting };
  if (!live) {
    if (signup && !signup.verifiedAt) return { ...base, phase: "awaiting_verification", steps: waiting };
    return { ...base, phase: "awaiting_approval", steps: waiting };
  }

  const [job] = await db
    .select()
    .from(provisioningJobs)
    .where(and(eq(provisioningJobs.contractId, live.contract.id), eq(provisioningJobs.kind, "provision")))
    .orderBy(desc(provisioningJobs.createdAt))
    .limit(1);
  const rows = job
    ? await db
        .select()
        .from(provisioningSteps)
        .where(eq(provisioningSteps.jobId, job.id))
        .orderBy(asc(provisioningSteps.position))
    : [];
  const byName = new Map(rows.map((r) => [r.step, r]));
  const failed = live.contract.state === "provisioning_failed";
  const settled = live.contract.state !== "pending" && !failed;
  const steps: SetupStepView[] = plan.map((name) => {
    const row = byName.get(name);
    let status: SetupStepView["status"] = "waiting";
    // A contract set up before any job was recorded here (imported or seeded) has all its steps behind it.
    if (row?.status === "succeeded" || (settled && !job)) status = "done";
    else if (row?.status === "running") status = "running";
    else if (row?.status === "failed") status = failed ? "failed" : "retrying";
    else if (row?.status === "queued" && row.attempts > 0) status = "retrying";
    return { name, label: STEP_LABELS[name] ?? name, status, attempts: row?.attempts ?? 0 };
  });
  // Before the worker records the first step, show it as starting rather than idle.
  if (!failed && job && steps.every((s) => s.status === "waiting") && steps[0]) steps[0].status = "running";
  const sent = byName.get("send_activation_email");
  const sentTo = sent?.status === "succeeded" ? sent.output?.sentTo : null;
  const phase = live.contract.state === "pending" ? "provisioning" : failed ? "failed" : "ready";
  return {
    ...base,
    phase,
    steps,
    activationEmailTo:
      typeof sentTo === "string" ? sentTo : phase === "ready" ? (reseller?.billingEmail ?? null) : null,
  };
}
