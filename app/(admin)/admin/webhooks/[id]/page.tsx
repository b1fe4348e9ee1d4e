import { notFound } from "next/navigation";
import { EndpointScreen } from "@/components/webhooks/endpoint-screen";
import { endpointPageData } from "@/components/webhooks/page-data";
import { pageContext } from "@/lib/actions/context";
import type { SearchParams } from "@/lib/lists/params";
import {
  deleteDistributorEndpointAction,
  redeliverDistributorAction,
  revealDistributorSecretAction,
  rotateDistributorSecretAction,
  setDistributorEndpointEnabledAction,
  updateDistributorEndpointAction,
} from "../actions";

export const metadata = { title: "Webhook endpoint" };

export default async function AdminWebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const ctx = await pageContext("admin:write", "/admin/webhooks");
  const data = await endpointPageData(
    ctx.db,
    { resellerId: null },
    "/admin/webhooks",
    await params,
    await searchParams,
  );
  if (!data) notFound();
  return (
    <EndpointScreen
      {...data}
      actions={{
        update: updateDistributorEndpointAction,
        setEnabled: setDistributorEndpointEnabledAction,
        reveal: revealDistributorSecretAction,
        rotate: rotateDistributorSecretAction,
        remove: deleteDistributorEndpointAction,
        redeliver: redeliverDistributorAction,
      }}
    />
  );
}
