import { ApiKeysScreen } from "@/components/api-keys/api-keys-screen";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { apiKeyListSpec, listApiKeyPage } from "@/lib/api-keys/key-list";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";
import { createResellerApiKeyAction, revokeResellerApiKeyAction } from "./actions";

export const metadata = { title: "API keys" };

export default async function PortalApiKeysPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext("portal:manage", "/portal/api-keys");
  const params = parseListParams(apiKeyListSpec, await searchParams);
  const page = await listApiKeyPage(ctx.db, { resellerId: requireResellerScope(ctx) }, params, ctx.now);
  return (
    <ApiKeysScreen
      audience="reseller"
      links={listLinks("/portal/api-keys", apiKeyListSpec, params, page)}
      params={params}
      page={page}
      now={ctx.now}
      createAction={createResellerApiKeyAction}
      revokeAction={revokeResellerApiKeyAction}
    />
  );
}
