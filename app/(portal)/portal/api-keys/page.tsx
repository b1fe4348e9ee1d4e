import { ApiKeysScreen } from "@/components/api-keys/api-keys-screen";
import { toApiKeyRows } from "@/components/api-keys/rows";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { listApiKeys } from "@/lib/api-keys/keys";
import { createResellerApiKeyAction, revokeResellerApiKeyAction } from "./actions";

export const metadata = { title: "API keys" };

export default async function PortalApiKeysPage() {
  const ctx = await pageContext("portal:manage", "/portal/api-keys");
  const keys = await listApiKeys(ctx.db, { resellerId: requireResellerScope(ctx) });
  return (
    <ApiKeysScreen
      audience="reseller"
      keys={toApiKeyRows(keys, ctx.now)}
      now={ctx.now}
      createAction={createResellerApiKeyAction}
      revokeAction={revokeResellerApiKeyAction}
    />
  );
}
