// Signed webhooks (issue 15): endpoints, events written in the causing transaction, delivery with retries.
export {
  type AttemptOutcome,
  DELIVERY_TIMEOUT_MS,
  type DeliveryOptions,
  deliverDueWebhooks,
  describeSchedule,
  signedHeaders,
  webhookPayload,
} from "./deliver";
export {
  type AttemptView,
  DELIVERIES_PER_PAGE,
  type DeliveryView,
  listDeliveries,
  redeliver,
} from "./deliveries";
export {
  emitContractEvents,
  emitCreditNoteIssued,
  emitInvoiceEvents,
  emitProvisioningFailed,
  emitResellerSignedUp,
  emitUsageAlert,
} from "./emit";
export {
  createEndpoint,
  deleteEndpoint,
  type EndpointView,
  getEndpoint,
  listEndpoints,
  revealSecret,
  rotateSecret,
  setEndpointEnabled,
  updateEndpoint,
  type WebhookOwner,
} from "./endpoints";
export {
  emitEvent,
  emitEvents,
  listenForWebhookEvents,
  WEBHOOK_CHANNEL,
  type WebhookEventInput,
} from "./events";
export {
  createEndpointSchema,
  deliveryIdSchema,
  type EndpointInput,
  EVENT_FIELD_PREFIX,
  endpointIdSchema,
  updateEndpointSchema,
} from "./schema";
export {
  httpUrlsAllowed,
  isLoopbackAddress,
  isPrivateAddress,
  PRIVATE_URL_MESSAGE,
  privateUrlsAllowed,
  urlPolicy,
  urlProblem,
} from "./url";
