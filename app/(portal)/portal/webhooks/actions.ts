"use server";
import { webhookActions } from "@/components/webhooks/actions";
import { requireResellerScope } from "@/lib/actions/context";

// A reseller's own endpoints: only its own events. The owner role (portal:manage), checked on the server by
// each action; the reseller is the caller's own, never one named by the form.
const actions = webhookActions(
  "portal:manage",
  (ctx) => ({ resellerId: requireResellerScope(ctx) }),
  "/portal/webhooks",
);

export const createResellerEndpointAction = actions.create;
export const updateResellerEndpointAction = actions.update;
export const setResellerEndpointEnabledAction = actions.setEnabled;
export const revealResellerSecretAction = actions.reveal;
export const rotateResellerSecretAction = actions.rotate;
export const deleteResellerEndpointAction = actions.remove;
export const redeliverResellerAction = actions.redeliver;
