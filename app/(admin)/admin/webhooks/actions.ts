"use server";
import { webhookActions } from "@/components/webhooks/actions";

// The distributor's endpoints: every event of the channel (owner: no reseller). admin:write, checked on the
// server by each action.
const actions = webhookActions("admin:write", () => ({ resellerId: null }), "/admin/webhooks");

export const createDistributorEndpointAction = actions.create;
export const updateDistributorEndpointAction = actions.update;
export const setDistributorEndpointEnabledAction = actions.setEnabled;
export const revealDistributorSecretAction = actions.reveal;
export const rotateDistributorSecretAction = actions.rotate;
export const deleteDistributorEndpointAction = actions.remove;
export const redeliverDistributorAction = actions.redeliver;
