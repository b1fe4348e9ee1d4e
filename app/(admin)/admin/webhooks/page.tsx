import { WebhooksScreen } from "@/components/webhooks/webhooks-screen";
import { pageContext } from "@/lib/actions/context";
import { httpUrlsAllowed, listEndpoints } from "@/lib/webhooks";
import { createDistributorEndpointAction } from "./actions";

export const metadata = { title: "Webhooks" };

export default async function AdminWebhooksPage({
  searchParams,
}: {
  searchParams: Promise<{ deleted?: string }>;
}) {
  const ctx = await pageContext("admin:write", "/admin/webhooks");
  const [endpoints, search] = await Promise.all([listEndpoints(ctx.db, { resellerId: null }), searchParams]);
  return (
    <WebhooksScreen
      audience="distributor"
      endpoints={endpoints}
      base="/admin/webhooks"
      createAction={createDistributorEndpointAction}
      httpAllowed={httpUrlsAllowed()}
      deleted={search.deleted === "1"}
    />
  );
}
