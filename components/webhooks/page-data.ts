import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";
import {
  describeSchedule,
  type EndpointView,
  getEndpoint,
  httpUrlsAllowed,
  listDeliveries,
  type WebhookOwner,
} from "@/lib/webhooks";
import { deliveryListSpec } from "@/lib/webhooks/deliveries";
import type { DeliveryLogData } from "./delivery-log";

const uuid = z.uuid();

/**
 * What an endpoint page shows, for its owner; null (the page answers 404) for an unknown id or another
 * owner's endpoint. The URL's query filters, sorts and pages the delivery log.
 */
export async function endpointPageData(
  db: DbOrTx,
  owner: WebhookOwner,
  base: string,
  params: { id: string },
  search: SearchParams,
): Promise<{
  endpoint: EndpointView;
  log: DeliveryLogData;
  base: string;
  httpAllowed: boolean;
  retrySummary: string;
} | null> {
  if (!uuid.safeParse(params.id).success) return null;
  try {
    const endpoint = await getEndpoint(db, owner, params.id);
    const listParams = parseListParams(deliveryListSpec, search);
    const page = await listDeliveries(db, owner, endpoint.id, listParams);
    return {
      endpoint,
      log: {
        page,
        params: listParams,
        links: listLinks(`${base}/${endpoint.id}`, deliveryListSpec, listParams, page),
      },
      base,
      httpAllowed: httpUrlsAllowed(),
      retrySummary: describeSchedule(env().WEBHOOK_RETRY_SCHEDULE),
    };
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return null;
    throw error;
  }
}
