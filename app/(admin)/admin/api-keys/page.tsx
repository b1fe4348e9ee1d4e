import { ApiKeysScreen } from "@/components/api-keys/api-keys-screen";
import { pageContext } from "@/lib/actions/context";
import { apiKeyListSpec, listApiKeyPage } from "@/lib/api-keys/key-list";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";
import { createDistributorApiKeyAction, revokeDistributorApiKeyAction } from "./actions";

export const metadata = { title: "API keys" };

export default async function AdminApiKeysPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext("admin:write", "/admin/api-keys");
  const params = parseListParams(apiKeyListSpec, await searchParams);
  const page = await listApiKeyPage(ctx.db, { resellerId: null }, params, ctx.now);
  return (
    <ApiKeysScreen
      audience="distributor"
      links={listLinks("/admin/api-keys", apiKeyListSpec, params, page)}
      params={params}
      page={page}
      now={ctx.now}
      createAction={createDistributorApiKeyAction}
      revokeAction={revokeDistributorApiKeyAction}
    />
  );
}
