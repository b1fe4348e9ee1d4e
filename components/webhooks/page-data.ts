import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";
import {
  describeSchedule,
  type EndpointView,
  getEndpoint,
  httpUrlsAllowed,
  listDeliveries,
  type WebhookOwner,
} from "@/lib/webhooks";
import type { DeliveryView } from "@/lib/webhooks/deliveries";

const uuid = z.uuid();

/**
 * What an endpoint page shows, for its owner; null (the page answers 404) for an unknown id or another
 * owner's endpoint. `before` pages the delivery log.
 */
export async function endpointPageData(
  db: DbOrTx,
  owner: WebhookOwner,
  base: string,
  params: { id: string },
  search: { before?: string },
): Promise<{
  endpoint: EndpointView;
  deliveries: DeliveryView[];
  base: string;
  httpAllowed: boolean;
  olderHref: string | null;
  newestHref: string | null;
  retrySummary: string;
} | null> {
  if (!uuid.safeParse(params.id).success) return null;
  const before = search.before && uuid.safeParse(search.before).success ? search.before : undefined;
  try {
    const endpoint = await getEndpoint(db, owner, params.id);
    const { deliveries, next } = await listDeliveries(db, owner, endpoint.id, { before });
    const href = `${base}/${endpoint.id}`;
    return {
      endpoint,
      deliveries,
      base,
      httpAllowed: httpUrlsAllowed(),
      olderHref: next ? `${href}?before=${next}` : null,
      newestHref: before ? href : null,
      retrySummary: describeSchedule(env().WEBHOOK_RETRY_SCHEDULE),
    };
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return null;
    throw error;
  }
}
