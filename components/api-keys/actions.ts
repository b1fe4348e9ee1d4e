import "server-only";
import { revalidatePath } from "next/cache";
import type { UserContext } from "@/lib/actions/context";
import { userAction } from "@/lib/actions/safe-action";
import { createApiKey, type KeyOwner, revokeApiKey } from "@/lib/api-keys/keys";
import type { Permission } from "@/lib/auth/permissions";
import { apiKeyFormSchema, revokeApiKeyFormSchema } from "./form-schema";
import type { NewApiKey } from "./rows";

/**
 * The create and revoke actions of one keys page: the permission is checked on the server, and the owner
 * (the caller's own reseller, or the distributor) comes from ctx, never from the form. Each is exported
 * from the page's "use server" file. The new key travels back only in the create action's answer: it is
 * not put in a URL, a cookie, a log or the audit.
 */
export function apiKeyActions(permission: Permission, ownerOf: (ctx: UserContext) => KeyOwner, path: string) {
  const create = userAction(
    permission,
    apiKeyFormSchema,
    async (input, ctx): Promise<NewApiKey> => {
      const owner = ownerOf(ctx);
      const { key, apiKey } = await ctx.db.transaction((tx) =>
        createApiKey(tx, owner, input, ctx.audit, ctx.now),
      );
      revalidatePath(path);
      return { id: apiKey.id, name: apiKey.name, prefix: apiKey.prefix, scopes: apiKey.scopes, key };
    },
    { message: "Key created." },
  );
  const revoke = userAction(
    permission,
    revokeApiKeyFormSchema,
    async ({ id }, ctx) => {
      const owner = ownerOf(ctx);
      await ctx.db.transaction((tx) => revokeApiKey(tx, owner, id, ctx.audit, ctx.now));
      revalidatePath(path);
    },
    { message: "Key revoked: requests made with it are refused from now on." },
  );
  return { create, revoke };
}
