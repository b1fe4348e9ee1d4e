import type { ClientContext } from "./context";
import { withFreshVersion } from "./context";
import { AcronisError } from "./errors";
import { toPricing } from "./mappers";
import { ApplicationsSchema, PricingSchema, SettingSchema } from "./schemas";
import type {
  AcronisBillingSettings,
  AcronisLicensingMode,
  AcronisPricing,
  AcronisPricingMode,
} from "./types";

export async function listApplications(ctx: ClientContext) {
  const res = await ctx.http.json({ method: "GET", path: "/applications" }, ApplicationsSchema);
  return res.items.map((a) => ({ id: a.id, name: a.name, type: a.type, usages: a.usages ?? [] }));
}

/** The Management Portal application carries billing settings; resolved by type, never hard-coded. */
export async function platformAppId(ctx: ClientContext): Promise<string> {
  if (!ctx.cache.platformAppId) {
    const platform = (await listApplications(ctx)).find((a) => a.type === "platform");
    if (!platform) {
      throw new AcronisError({
        kind: "validation",
        message: "Acronis lists no application of type 'platform'",
      });
    }
    ctx.cache.platformAppId = platform.id;
  }
  return ctx.cache.platformAppId;
}

const pricingPath = (id: string) => `/tenants/${encodeURIComponent(id)}/pricing`;

export async function getPricing(ctx: ClientContext, tenantId: string): Promise<AcronisPricing> {
  return toPricing(await ctx.http.json({ method: "GET", path: pricingPath(tenantId) }, PricingSchema));
}

/** Trial → production is allowed once and is irreversible; a no-op when already in `mode`. */
export function setPricingMode(
  ctx: ClientContext,
  tenantId: string,
  mode: AcronisPricingMode,
): Promise<AcronisPricing> {
  return withFreshVersion(
    ctx,
    () => getPricing(ctx, tenantId),
    async (current) => {
      if (current.mode === mode) return current;
      const json = { mode, version: current.version };
      return toPricing(
        await ctx.http.json({ method: "PUT", path: pricingPath(tenantId), json }, PricingSchema),
      );
    },
  );
}

async function settingPath(ctx: ClientContext, tenantId: string, name: string) {
  return `/applications/${await platformAppId(ctx)}/settings/tenants/${encodeURIComponent(tenantId)}/${name}`;
}

async function readSetting(ctx: ClientContext, tenantId: string, name: string): Promise<unknown> {
  const res = await ctx.http.json(
    { method: "GET", path: await settingPath(ctx, tenantId, name) },
    SettingSchema,
  );
  return res.own ? res.own.value : (res.effective?.value ?? null);
}

async function writeSetting(
  ctx: ClientContext,
  tenantId: string,
  name: string,
  value: unknown,
): Promise<unknown> {
  const path = await settingPath(ctx, tenantId, name);
  const res = await ctx.http.json({ method: "PUT", path, json: { value } }, SettingSchema);
  return res.own ? res.own.value : (res.effective?.value ?? value);
}

const asTier = (v: unknown) => (typeof v === "number" ? v : null);
const asMode = (v: unknown) => (v === "per_gb" || v === "per_device" ? v : null);

export async function getBillingSettings(
  ctx: ClientContext,
  tenantId: string,
): Promise<AcronisBillingSettings> {
  const [tier, mode] = await Promise.all([
    readSetting(ctx, tenantId, "tier_level_value"),
    readSetting(ctx, tenantId, "licensing_mode"),
  ]);
  return { tierLevelValue: asTier(tier), licensingMode: asMode(mode) };
}

/** Sets `tier_level_value` (−1 = no commitment, 0..4 = Tier 1..5) and optionally `licensing_mode`. */
export async function setTierLevel(
  ctx: ClientContext,
  tenantId: string,
  tierLevelValue: number,
  licensingMode?: AcronisLicensingMode,
): Promise<AcronisBillingSettings> {
  const tier = await writeSetting(ctx, tenantId, "tier_level_value", tierLevelValue);
  const mode =
    licensingMode === undefined
      ? await readSetting(ctx, tenantId, "licensing_mode")
      : await writeSetting(ctx, tenantId, "licensing_mode", licensingMode);
  return { tierLevelValue: asTier(tier), licensingMode: asMode(mode) };
}
