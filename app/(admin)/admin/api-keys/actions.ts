"use server";
import { apiKeyActions } from "@/components/api-keys/actions";

// The distributor's keys: the whole channel (owner: no reseller).
const actions = apiKeyActions("admin:write", () => ({ resellerId: null }), "/admin/api-keys");

export const createDistributorApiKeyAction = actions.create;
export const revokeDistributorApiKeyAction = actions.revoke;
