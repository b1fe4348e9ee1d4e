import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { UserContext } from "@/lib/actions/context";
import { userAction } from "@/lib/actions/safe-action";
import type { Permission } from "@/lib/auth/permissions";
import {
  createEndpoint,
  createEndpointSchema,
  deleteEndpoint,
  deliveryIdSchema,
  endpointIdSchema,
  redeliver,
  revealSecret,
  rotateSecret,
  setEndpointEnabled,
  updateEndpoint,
  updateEndpointSchema,
  type WebhookOwner,
} from "@/lib/webhooks";

/** What the create action answers: the new endpoint and its secret (shown at once, revealable later). */
export type CreatedEndpoint = { id: string; url: string; secret: string };

const enabledSchema = endpointIdSchema.extend({
  enabled: z.enum(["true", "false"], { error: "Unknown choice." }).transform((v) => v === "true"),
});

/**
 * The actions of one webhooks area (the back office's or the portal's): the permission is checked on the
 * server, and the owner (the distributor, or the caller's own reseller) comes from ctx, never from the form.
 * Each page's "use server" file exports them. Secrets travel back only in an action's answer.
 */
export function webhookActions(
  permission: Permission,
  ownerOf: (ctx: UserContext) => WebhookOwner,
  base: string,
) {
  const create = userAction(
    permission,
    createEndpointSchema,
    async (input, ctx): Promise<CreatedEndpoint> => {
      const { endpoint, secret } = await createEndpoint(ctx.db, ownerOf(ctx), input, ctx.audit);
      revalidatePath(base);
      return { id: endpoint.id, url: endpoint.url, secret };
    },
    { message: "Endpoint added. Events are sent to it from now on." },
  );
  const update = userAction(
    permission,
    updateEndpointSchema,
    async ({ id, ...input }, ctx) => {
      await updateEndpoint(ctx.db, ownerOf(ctx), id, input, ctx.audit);
      revalidatePath(base);
      revalidatePath(`${base}/${id}`);
    },
    { message: "Endpoint saved." },
  );
  const setEnabled = userAction(
    permission,
    enabledSchema,
    async ({ id, enabled }, ctx) => {
      await setEndpointEnabled(ctx.db, ownerOf(ctx), id, enabled, ctx.audit);
      revalidatePath(base);
      revalidatePath(`${base}/${id}`);
      return enabled;
    },
    {
      message: (enabled) =>
        enabled
          ? "Enabled: new events are sent again, and deliveries still pending go out now."
          : "Disabled: no events are sent to it until you enable it again.",
    },
  );
  const reveal = userAction(permission, endpointIdSchema, async ({ id }, ctx) =>
    revealSecret(ctx.db, ownerOf(ctx), id, ctx.audit),
  );
  const rotate = userAction(
    permission,
    endpointIdSchema,
    async ({ id }, ctx) => {
      const secret = await rotateSecret(ctx.db, ownerOf(ctx), id, ctx.audit);
      revalidatePath(`${base}/${id}`);
      return secret;
    },
    { message: "New secret made: messages are signed with it from now on. Update your receiver." },
  );
  const remove = userAction(permission, endpointIdSchema, async ({ id }, ctx) => {
    await deleteEndpoint(ctx.db, ownerOf(ctx), id, ctx.audit);
    revalidatePath(base);
    redirect(`${base}?deleted=1`);
  });
  const redeliverOne = userAction(
    permission,
    deliveryIdSchema,
    async ({ deliveryId }, ctx) => {
      const outcome = await redeliver(ctx.db, ownerOf(ctx), deliveryId, ctx.audit);
      revalidatePath(base, "layout");
      return outcome;
    },
    {
      message: (o) =>
        o.delivered
          ? `Delivered (HTTP ${o.responseStatus}).`
          : `Not delivered: ${o.responseStatus ? `HTTP ${o.responseStatus}` : o.error}.`,
    },
  );
  return { create, update, setEnabled, reveal, rotate, remove, redeliver: redeliverOne };
}

export type WebhookActions = ReturnType<typeof webhookActions>;
