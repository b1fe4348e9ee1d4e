import type { WebhookEventType } from "@/db/schema/ops";

/**
 * The events webhooks publish, in words, for the endpoint form's checklist and the delivery log. Pure and
 * client-safe: only a type comes from the schema, whose `webhookEventTypes` is the list (the record below
 * must name each one). docs/WEBHOOKS.md lists each event's data.
 */
export type { WebhookEventType };

export const webhookEventLabels: Record<WebhookEventType, string> = {
  "reseller.signed_up": "A reseller signed up",
  "contract.activated": "A contract became active",
  "contract.tier_changed": "A contract changed tier",
  "contract.cancelled": "A contract was cancelled",
  "provisioning.failed": "An Acronis provisioning job failed",
  "invoice.issued": "An invoice was issued",
  "invoice.paid": "An invoice was paid",
  "invoice.voided": "An invoice was voided",
  "credit_note.issued": "A credit note was issued",
  "usage.alert": "A usage alert fired",
};

/** Every event type, in the order the checklist shows them. */
export const eventTypeList = Object.keys(webhookEventLabels) as WebhookEventType[];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return Object.hasOwn(webhookEventLabels, value);
}
