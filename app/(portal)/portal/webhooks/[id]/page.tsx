import { notFound } from "next/navigation";
import { EndpointScreen } from "@/components/webhooks/endpoint-screen";
import { endpointPageData } from "@/components/webhooks/page-data";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import type { SearchParams } from "@/lib/lists/params";
import {
  deleteResellerEndpointAction,
  redeliverResellerAction,
  revealResellerSecretAction,
  rotateResellerSecretAction,
  setResellerEndpointEnabledAction,
  updateResellerEndpointAction,
} from "../actions";

export const metadata = { title: "Webhook endpoint" };

export default async function PortalWebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const ctx = await pageContext("portal:manage", "/portal/webhooks");
  const owner = { resellerId: requireResellerScope(ctx) };
  const data = await endpointPageData(ctx.db, owner, "/portal/webhooks", await params, await searchParams);
  if (!data) notFound();
  return (
    <EndpointScreen
      {...data}
      actions={{
        update: updateResellerEndpointAction,
        setEnabled: setResellerEndpointEnabledAction,
        reveal: revealResellerSecretAction,
        rotate: rotateResellerSecretAction,
        remove: deleteResellerEndpointAction,
        redeliver: redeliverResellerAction,
      }}
    />
  );
}
