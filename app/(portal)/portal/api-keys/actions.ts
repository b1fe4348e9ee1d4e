"use server";
import { apiKeyActions } from "@/components/api-keys/actions";
import { requireResellerScope } from "@/lib/actions/context";

// A reseller owner's keys: its own reseller only, from the session, never from the form.
const actions = apiKeyActions(
  "portal:manage",
  (ctx) => ({ resellerId: requireResellerScope(ctx) }),
  "/portal/api-keys",
);

export const createResellerApiKeyAction = actions.create;
export const revokeResellerApiKeyAction = actions.revoke;
