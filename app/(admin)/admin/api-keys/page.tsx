import { ApiKeysScreen } from "@/components/api-keys/api-keys-screen";
import { toApiKeyRows } from "@/components/api-keys/rows";
import { pageContext } from "@/lib/actions/context";
import { listApiKeys } from "@/lib/api-keys/keys";
import { createDistributorApiKeyAction, revokeDistributorApiKeyAction } from "./actions";

export const metadata = { title: "API keys" };

export default async function AdminApiKeysPage() {
  const ctx = await pageContext("admin:write", "/admin/api-keys");
  const keys = await listApiKeys(ctx.db, { resellerId: null });
  return (
    <ApiKeysScreen
      audience="distributor"
      keys={toApiKeyRows(keys, ctx.now)}
      now={ctx.now}
      createAction={createDistributorApiKeyAction}
      revokeAction={revokeDistributorApiKeyAction}
    />
  );
}
