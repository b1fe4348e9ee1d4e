import { z } from "zod";
import { webhookEventTypes } from "@/db/schema/ops";
import { singleLine } from "@/lib/validation/text";
import { webhookUrlSchema } from "./url";

/**
 * The endpoint form. Each event is a checkbox of its own (`event:invoice.issued`), so the form works without
 * JavaScript and a field is never sent twice; they are gathered into `events` here.
 */
export const EVENT_FIELD_PREFIX = "event:";

function gatherEvents(fields: unknown): unknown {
  if (typeof fields !== "object" || fields === null) return fields;
  const record = fields as Record<string, unknown>;
  const events = Object.keys(record)
    .filter((k) => k.startsWith(EVENT_FIELD_PREFIX) && record[k] !== "" && record[k] !== undefined)
    .map((k) => k.slice(EVENT_FIELD_PREFIX.length));
  return { ...record, events };
}

const eventsSchema = z
  .array(z.enum(webhookEventTypes, { error: "Unknown event." }))
  .min(1, "Choose at least one event.")
  .transform((events) => webhookEventTypes.filter((t) => events.includes(t)));

const endpointFields = {
  url: webhookUrlSchema,
  description: singleLine({ max: 200, maxMessage: "Keep the description under 200 characters." }).default(""),
  events: eventsSchema,
};

export const createEndpointSchema = z.preprocess(gatherEvents, z.object(endpointFields));
export type EndpointInput = z.infer<typeof createEndpointSchema>;

export const updateEndpointSchema = z.preprocess(
  gatherEvents,
  z.object({ id: z.uuid("Unknown endpoint."), ...endpointFields }),
);

export const endpointIdSchema = z.object({ id: z.uuid("Unknown endpoint.") });
export const deliveryIdSchema = z.object({ deliveryId: z.uuid("Unknown delivery.") });
