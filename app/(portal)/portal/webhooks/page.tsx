import { WebhooksScreen } from "@/components/webhooks/webhooks-screen";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { httpUrlsAllowed, listEndpoints } from "@/lib/webhooks";
import { createResellerEndpointAction } from "./actions";

export const metadata = { title: "Webhooks" };

export default async function PortalWebhooksPage({
  searchParams,
}: {
  searchParams: Promise<{ deleted?: string }>;
}) {
  const ctx = await pageContext("portal:manage", "/portal/webhooks");
  const resellerId = requireResellerScope(ctx);
  const [endpoints, search] = await Promise.all([listEndpoints(ctx.db, { resellerId }), searchParams]);
  return (
    <WebhooksScreen
      audience="reseller"
      endpoints={endpoints}
      base="/portal/webhooks"
      createAction={createResellerEndpointAction}
      httpAllowed={httpUrlsAllowed()}
      deleted={search.deleted === "1"}
    />
  );
}
