import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  type Contract,
  type DistributorSettings,
  type ProvisioningJob,
  type Reseller,
  resellers,
  type Tier,
} from "@/db/schema";
import type { AcronisClient, AcronisLicensingMode } from "@/lib/acronis";
import { isAcronisError } from "@/lib/acronis/errors";
import { parseJobParams } from "./job-params";

export type StepOutput = Record<string, unknown>;

/** A failure no retry can fix (missing data, a login someone else owns): the job fails at once. */
export class PermanentStepError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "PermanentStepError";
    this.code = code;
  }
}

/** What a step may read: the job, its contract, reseller, tier and settings, and earlier steps' outputs. */
export type StepContext = {
  db: DbOrTx;
  acronis: AcronisClient;
  job: ProvisioningJob;
  contract: Contract;
  reseller: Reseller;
  tier: Tier;
  settings: DistributorSettings;
  outputs: Record<string, StepOutput>;
  /** Persists a partial output mid-step (e.g. a created user's id before the next call). */
  checkpoint(output: StepOutput): Promise<void>;
  /** The output saved by an earlier, unfinished attempt of this step. */
  previous: StepOutput | null;
};

export type Step = { name: string; run(ctx: StepContext): Promise<StepOutput> };

export const PARTNER_ADMIN_ROLE = "partner_admin";

/** Only the parameters a step reads, typed; a stored value of the wrong shape fails the job for good. */
function paramsOf(job: ProvisioningJob): { pricingMode?: "trial" | "production"; tierLevelValue?: number } {
  try {
    const params = parseJobParams(job.kind, job.params);
    return {
      pricingMode: "pricingMode" in params ? params.pricingMode : undefined,
      tierLevelValue: "tierLevelValue" in params ? params.tierLevelValue : undefined,
    };
  } catch {
    throw new PermanentStepError("bad_params", `Job ${job.id} has parameters its kind does not take.`);
  }
}

function partnerTenantId(ctx: StepContext): string {
  const fromStep = ctx.outputs.find_or_create_tenant?.tenantId;
  if (typeof fromStep === "string") return fromStep;
  if (ctx.reseller.acronisTenantId) return ctx.reseller.acronisTenantId;
  throw new PermanentStepError("no_tenant", `Reseller ${ctx.reseller.name} has no Acronis tenant yet.`);
}

function adminUserId(ctx: StepContext): string {
  const id = ctx.outputs.create_admin_user?.userId;
  if (typeof id !== "string") throw new PermanentStepError("no_user", "The admin user was not created.");
  return id;
}

function desiredPricingMode(ctx: StepContext): "trial" | "production" {
  const fromParams = paramsOf(ctx.job).pricingMode;
  if (fromParams) return fromParams;
  return ctx.contract.targetState === "trial" || ctx.contract.isTrial ? "trial" : "production";
}

function tierLevel(ctx: StepContext): number {
  return paramsOf(ctx.job).tierLevelValue ?? ctx.tier.acronisTierLevelValue;
}

function licensingMode(settings: DistributorSettings): AcronisLicensingMode {
  return settings.acronisEdition === "pck_per_gigabyte" ? "per_gb" : "per_device";
}

/** The login we give the reseller's Acronis administrator. */
export function adminLoginFor(reseller: Reseller): string {
  return reseller.acronisAdminLogin ?? `${reseller.internalTag}-admin`.replace(/[^a-zA-Z0-9._-]/g, "-");
}

const findOrCreateTenant: Step = {
  name: "find_or_create_tenant",
  async run({ acronis, reseller }) {
    const root = await acronis.whoAmI();
    // Matched by our tag, so a retry after a lost response never creates a second partner.
    const existing = await acronis.findTenantByInternalTag(root.tenantId, reseller.internalTag);
    if (existing) return { tenantId: existing.id, parentId: root.tenantId, created: false };
    const create = (name: string) =>
      acronis.createTenant({
        parentId: root.tenantId,
        name,
        kind: "partner",
        internalTag: reseller.internalTag,
        contact: {
          email: reseller.billingEmail,
          address1: reseller.addressLine1,
          address2: reseller.addressLine2,
          city: reseller.city,
          zipcode: reseller.postalCode,
          state: reseller.region,
          country: reseller.country,
        },
      });
    let created: Awaited<ReturnType<typeof create>>;
    try {
      created = await create(reseller.name);
    } catch (error) {
      // Acronis may refuse a second partner with the same name under one parent (409). Two resellers can
      // share a trading name, so the new one gets a distinguishing suffix instead of failing.
      if (!isAcronisError(error) || error.status !== 409) throw error;
      created = await create(`${reseller.name} (${reseller.internalTag.slice(-6)})`);
    }
    return { tenantId: created.id, parentId: root.tenantId, created: true };
  },
};

const setPricingMode = (mode?: "production"): Step => ({
  name: "set_pricing_mode",
  async run(ctx) {
    const tenantId = partnerTenantId(ctx);
    const wanted = mode ?? desiredPricingMode(ctx);
    const current = await ctx.acronis.getPricing(tenantId);
    if (current.mode === wanted) return { tenantId, mode: wanted, changed: false };
    const pricing = await ctx.acronis.setPricingMode(tenantId, wanted);
    return { tenantId, mode: pricing.mode, changed: true };
  },
});

const setBillingSettings: Step = {
  name: "set_billing_settings",
  async run(ctx) {
    const tenantId = partnerTenantId(ctx);
    const settings = await ctx.acronis.setTierLevel(tenantId, tierLevel(ctx), licensingMode(ctx.settings));
    return { tenantId, tierLevelValue: settings.tierLevelValue, licensingMode: settings.licensingMode };
  },
};

const enableOfferingItems: Step = {
  name: "enable_offering_items",
  async run(ctx) {
    const tenantId = partnerTenantId(ctx);
    const wanted = new Set(ctx.settings.offeringItems);
    if (wanted.size === 0) return { tenantId, enabled: [], missing: [] };
    const root = await ctx.acronis.whoAmI();
    const available = await ctx.acronis.listAvailableOfferingItemsForChild(root.tenantId, "partner", "*");
    const chosen = available.filter((item) => wanted.has(item.name));
    const found = new Set(chosen.map((i) => i.name));
    if (chosen.length > 0) {
      await ctx.acronis.setOfferingItems(
        tenantId,
        chosen.map((i) => ({
          applicationId: i.applicationId,
          name: i.name,
          infraId: i.infraId,
          enabled: true,
        })),
      );
    }
    return { tenantId, enabled: [...found].sort(), missing: [...wanted].filter((n) => !found.has(n)).sort() };
  },
};

function loginTaken(login: string): PermanentStepError {
  return new PermanentStepError(
    "login_taken",
    `The Acronis login '${login}' is already taken by a user outside this reseller's tenant; choose another login.`,
  );
}

/** The user behind an id we stored, or null when Acronis no longer knows it (deleted). */
async function userIfExists(ctx: StepContext, userId: string) {
  try {
    return await ctx.acronis.getUser(userId);
  } catch (error) {
    if (isAcronisError(error) && error.status === 404) return null;
    throw error;
  }
}

const createAdminUser: Step = {
  name: "create_admin_user",
  async run(ctx) {
    const tenantId = partnerTenantId(ctx);
    const login = adminLoginFor(ctx.reseller);
    const sameLogin = (other: string) => other.toLowerCase() === login.toLowerCase();
    // A user created by our earlier attempt (id saved by the checkpoint below, or on the reseller) is reused.
    const knownId =
      (typeof ctx.previous?.userId === "string" ? ctx.previous.userId : null) ??
      (ctx.reseller.acronisTenantId === tenantId ? ctx.reseller.acronisAdminUserId : null);
    if (knownId) {
      const user = await userIfExists(ctx, knownId);
      if (user && user.tenantId === tenantId && sameLogin(user.login))
        return { userId: user.id, login: user.login, reused: true };
    }
    // An attempt whose answer was lost (the user exists, its id was never stored) left the user in the
    // partner tenant: found there by its login, it is ours. A login taken anywhere else is a real conflict.
    const ownUser = async () => {
      const found = await ctx.acronis.findTenantUserByLogin(tenantId, login);
      if (!found) return null;
      await ctx.checkpoint({ userId: found.id, login: found.login });
      return { userId: found.id, login: found.login, reused: true };
    };
    if (!(await ctx.acronis.checkLogin(login))) {
      const reused = await ownUser();
      if (reused) return reused;
      throw loginTaken(login);
    }
    let user: Awaited<ReturnType<AcronisClient["createUser"]>>;
    try {
      user = await ctx.acronis.createUser({ tenantId, login, email: ctx.reseller.billingEmail });
    } catch (error) {
      // 409: our own POST landed but its answer was lost (the client's retry then hears "taken"), or
      // someone took the login since the check.
      if (!isAcronisError(error) || error.status !== 409) throw error;
      const reused = await ownUser();
      if (reused) return reused;
      throw loginTaken(login);
    }
    await ctx.checkpoint({ userId: user.id, login });
    return { userId: user.id, login, reused: false };
  },
};

const setAccessPolicy: Step = {
  name: "set_access_policy",
  async run(ctx) {
    const tenantId = partnerTenantId(ctx);
    const userId = adminUserId(ctx);
    // A reused user may hold the role already (an earlier attempt got this far): nothing to write then.
    const current = await ctx.acronis.getAccessPolicies(userId);
    if (current.some((p) => p.roleId === PARTNER_ADMIN_ROLE && p.tenantId === tenantId)) {
      return { userId, roles: current.map((p) => p.roleId), changed: false };
    }
    const policies = await ctx.acronis.setAccessPolicies(userId, tenantId, [PARTNER_ADMIN_ROLE]);
    return { userId, roles: policies.map((p) => p.roleId), changed: true };
  },
};

const sendActivationEmail: Step = {
  name: "send_activation_email",
  async run(ctx) {
    const userId = adminUserId(ctx);
    // A reused user who already activated the account needs no activation email.
    const user = await ctx.acronis.getUser(userId);
    if (user.activated) return { userId, sentTo: null, alreadyActivated: true };
    await ctx.acronis.sendActivationEmail(userId);
    return { userId, sentTo: ctx.reseller.billingEmail };
  },
};

const storeResellerIds: Step = {
  name: "store_reseller_ids",
  async run(ctx) {
    const tenantId = partnerTenantId(ctx);
    const userId = adminUserId(ctx);
    const login = ctx.outputs.create_admin_user?.login;
    await ctx.db
      .update(resellers)
      .set({
        acronisTenantId: tenantId,
        acronisAdminUserId: userId,
        acronisAdminLogin: typeof login === "string" ? login : ctx.reseller.acronisAdminLogin,
        updatedAt: new Date(),
      })
      .where(eq(resellers.id, ctx.reseller.id));
    return { tenantId, userId };
  },
};

const setTenantEnabled = (enabled: boolean): Step => ({
  name: enabled ? "enable_tenant" : "disable_tenant",
  async run(ctx) {
    const tenantId = partnerTenantId(ctx);
    const tenant = await ctx.acronis.setTenantEnabled(tenantId, enabled);
    return { tenantId, enabled: tenant.enabled, version: tenant.version };
  },
});

/** domain.md §6 and acronis-api.md §12.1, in order. */
export const STEP_PLANS: Record<ProvisioningJob["kind"], Step[]> = {
  provision: [
    findOrCreateTenant,
    setPricingMode(),
    setBillingSettings,
    enableOfferingItems,
    createAdminUser,
    setAccessPolicy,
    sendActivationEmail,
    storeResellerIds,
  ],
  tier_change: [setBillingSettings],
  convert: [setPricingMode("production")],
  suspend: [setTenantEnabled(false)],
  cancel: [setTenantEnabled(false)],
  resume: [setTenantEnabled(true)],
};
