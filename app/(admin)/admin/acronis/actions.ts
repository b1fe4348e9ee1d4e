"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { webAcronisDirectory } from "@/lib/acronis/datacenters";
import { userAction } from "@/lib/actions/safe-action";
import { afterUsageSync } from "@/lib/alerts";
import {
  countryDatacenterSchema,
  datacenterIdSchema,
  deleteDatacenter,
  infrastructureOwnerSchema,
  makeDefaultDatacenter,
  removeCountryDatacenter,
  removeCountrySchema,
  saveDatacenter,
  saveDatacenterSchema,
  setCountryDatacenter,
  setInfrastructureOwner,
  storageOwnerLabels,
  testDatacenter,
} from "@/lib/datacenters";
import { log } from "@/lib/log";
import { runUsageSync } from "@/lib/usage";

// Every change needs admin:write (checked by userAction on the server); the page itself is admin:read.
// Secrets go in through saveDatacenterAction only, encrypted by lib/datacenters before they are stored, and
// are never echoed back (safe-action drops fields named like a secret from the form's echo).

const PAGE = "/admin/acronis";

export const saveDatacenterAction = userAction("admin:write", saveDatacenterSchema, async (input, ctx) => {
  const saved = await saveDatacenter(ctx.db, ctx.audit, input);
  webAcronisDirectory(ctx.db).forget(saved.id);
  revalidatePath(PAGE);
  redirect(`${PAGE}?${saved.created ? "added" : "saved"}=${saved.id}`);
});

export const testDatacenterAction = userAction(
  "admin:write",
  datacenterIdSchema,
  async ({ id }, ctx) => {
    const outcome = await testDatacenter(ctx.db, ctx.audit, id);
    revalidatePath(PAGE);
    return outcome;
  },
  {
    message: (o) =>
      o.ok
        ? `Connected as ${o.tenantName} (${o.tenantKind} tenant ${o.tenantId}) in ${o.name}; ${o.infrastructures} storage infrastructure${o.infrastructures === 1 ? "" : "s"}${o.added ? `, ${o.added} new` : ""}.`
        : `${o.name}: ${o.message}`,
  },
);

export const makeDefaultDatacenterAction = userAction(
  "admin:write",
  datacenterIdSchema,
  async ({ id }, ctx) => {
    const made = await makeDefaultDatacenter(ctx.db, ctx.audit, id);
    revalidatePath(PAGE);
    return made;
  },
  {
    message: (d) =>
      `${d.name} is the default: resellers from countries not in the map are provisioned there.`,
  },
);

export const deleteDatacenterAction = userAction("admin:write", datacenterIdSchema, async ({ id }, ctx) => {
  await deleteDatacenter(ctx.db, ctx.audit, id);
  webAcronisDirectory(ctx.db).forget(id);
  revalidatePath(PAGE);
  redirect(`${PAGE}?deleted=1`);
});

export const setCountryDatacenterAction = userAction(
  "admin:write",
  countryDatacenterSchema,
  async (input, ctx) => {
    await setCountryDatacenter(ctx.db, ctx.audit, input);
    revalidatePath(PAGE);
  },
  { message: "Saved. Resellers signing up from there from now on are provisioned in that datacenter." },
);

export const removeCountryDatacenterAction = userAction(
  "admin:write",
  removeCountrySchema,
  async ({ country }, ctx) => {
    await removeCountryDatacenter(ctx.db, ctx.audit, country);
    revalidatePath(PAGE);
  },
);

export const setInfrastructureOwnerAction = userAction(
  "admin:write",
  infrastructureOwnerSchema,
  async (input, ctx) => {
    const change = await setInfrastructureOwner(ctx.db, ctx.audit, input);
    revalidatePath(PAGE);
    return change;
  },
  {
    message: (c) =>
      c.changed ? `${c.name} is now ${storageOwnerLabels[c.after]} storage.` : `${c.name} is unchanged.`,
  },
);

export const syncNowAction = userAction(
  "admin:write",
  z.object({}),
  async (_input, ctx) => {
    // Idempotent upserts keep the day's maximum, so a manual run beside a scheduled one is safe. Each
    // reseller is read from its own datacenter. Then projections and alerts, exactly as after a scheduled
    // sync (lib/usage/scheduler.ts).
    const work = runUsageSync(ctx.db, webAcronisDirectory(ctx.db), { kind: "manual" })
      .then((result) => (result.status === "failed" ? undefined : afterUsageSync(ctx.db, ctx.today)))
      .catch((err) => log.error({ err }, "[usage] manual sync failed"));
    after(() => work);
    revalidatePath(PAGE);
  },
  { message: "Usage sync started; it appears below when it finishes." },
);
