// Deterministic usage history: every value is a pure function of (tenant id, offering item, date),
// so the same simulator state reproduces the same history after a restart.
import { addDays, clamp, eachDay, hashUnit, monthStart } from "./util";

const GIB = 2 ** 30;

type Profile =
  | { kind: "count"; min: number; max: number; jitter: number }
  | { kind: "bytes"; minGb: number; maxGb: number }
  | { kind: "seconds"; maxHoursPerDay: number };

/** Keyed by usage_name (the counter without edition prefix). */
export const USAGE_PROFILES: Record<string, Profile> = {
  workstations: { kind: "count", min: 5, max: 80, jitter: 2 },
  servers: { kind: "count", min: 1, max: 15, jitter: 1 },
  vms: { kind: "count", min: 1, max: 30, jitter: 1 },
  web_hosting_servers: { kind: "count", min: 1, max: 5, jitter: 1 },
  mobiles: { kind: "count", min: 1, max: 20, jitter: 1 },
  mailboxes: { kind: "count", min: 5, max: 150, jitter: 2 },
  gsuite_seats: { kind: "count", min: 5, max: 100, jitter: 2 },
  pack_adv_security: { kind: "count", min: 5, max: 60, jitter: 1 },
  pack_adv_management: { kind: "count", min: 5, max: 60, jitter: 1 },
  pack_adv_backup_servers: { kind: "count", min: 1, max: 10, jitter: 1 },
  fc_seats: { kind: "count", min: 3, max: 50, jitter: 1 },
  storage: { kind: "bytes", minGb: 100, maxGb: 900 },
  dr_storage: { kind: "bytes", minGb: 50, maxGb: 400 },
  fc_storage: { kind: "bytes", minGb: 20, maxGb: 300 },
  local_storage: { kind: "bytes", minGb: 100, maxGb: 2000 },
  compute_points: { kind: "seconds", maxHoursPerDay: 12 },
};

/** Offering items a customer may use, with the odds of having each (groups are drawn together). */
const SUBSET_ODDS: Array<[names: string[], odds: number]> = [
  [["pw_base_workstations"], 1],
  [["pw_base_storage"], 1],
  [["pw_base_servers"], 0.7],
  [["pw_base_vms"], 0.4],
  [["pw_base_web_hosting_servers"], 0.15],
  [["pw_base_mobiles"], 0.25],
  [["pw_base_m365_seats"], 0.45],
  [["pw_base_gworkspace_seats"], 0.15],
  [["pw_pack_adv_security"], 0.35],
  [["pw_pack_adv_management"], 0.25],
  [["pw_pack_adv_backup_servers"], 0.2],
  [["pw_base_adv_dr_storage", "pw_base_adv_dr_compute_points"], 0.15],
  [["local_storage"], 0.3],
  [["pu_base_fc_seats", "pu_base_fc_storage"], 0.15],
];

/** The stable subset of offering items a customer tenant uses. */
export function defaultSkus(tenantId: string): string[] {
  return SUBSET_ODDS.flatMap(([names, odds]) =>
    hashUnit(tenantId, names[0]!, "subset") < odds ? names : [],
  );
}

function dailySeconds(tenantId: string, sku: string, date: string, maxHours: number): number {
  return Math.round(hashUnit(tenantId, sku, date) * maxHours * 60) * 60;
}

/**
 * The value of one counter on one day. Gauges give that day's value; `seconds` counters give the
 * total since the start of the month (or since `since`, if later).
 */
export function generatedValue(
  tenantId: string,
  sku: string,
  usageName: string,
  date: string,
  since: string,
) {
  const p = USAGE_PROFILES[usageName];
  if (!p || date < since) return 0;
  if (p.kind === "count") {
    const base = p.min + Math.floor(hashUnit(tenantId, sku, "base") * (p.max - p.min + 1));
    const monthShift = Math.round((hashUnit(tenantId, sku, date.slice(0, 7)) - 0.5) * 2 * p.jitter);
    const dayNoise = Math.round((hashUnit(tenantId, sku, date) - 0.5) * 2 * p.jitter);
    return clamp(base + monthShift + dayNoise, p.min, p.max);
  }
  if (p.kind === "bytes") {
    const baseGb = p.minGb + hashUnit(tenantId, sku, "base") * (p.maxGb - p.minGb);
    const month = date.slice(0, 7);
    const monthFactor = 1 + (hashUnit(tenantId, sku, month) - 0.5) * 0.1;
    const growthPerDay = 0.001 + hashUnit(tenantId, sku, month, "growth") * 0.004;
    const dayIndex = Number(date.slice(8, 10)) - 1;
    const noise = (hashUnit(tenantId, sku, date) - 0.5) * 0.002;
    return Math.round(baseGb * monthFactor * (1 + growthPerDay * dayIndex + noise) * GIB);
  }
  const from = monthStart(date) > since ? monthStart(date) : since;
  let total = 0;
  for (const d of eachDay(from, date)) total += dailySeconds(tenantId, sku, d, p.maxHoursPerDay);
  return total;
}

/** Lifetime total of a `seconds` counter up to and including `date` (Acronis' absolute_value). */
export function generatedLifetime(
  tenantId: string,
  sku: string,
  usageName: string,
  date: string,
  since: string,
) {
  const p = USAGE_PROFILES[usageName];
  if (p?.kind !== "seconds") return generatedValue(tenantId, sku, usageName, date, since);
  let total = 0;
  for (let d = since; d <= date; d = addDays(d, 1)) total += dailySeconds(tenantId, sku, d, p.maxHoursPerDay);
  return total;
}
