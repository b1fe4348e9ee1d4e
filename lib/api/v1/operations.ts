import "server-only";
import type { ApiOperation } from "./operation";
import { billingRunOperations } from "./resources/billing-runs";
import { contractOperations } from "./resources/contracts";
import { creditNoteOperations } from "./resources/credit-notes";
import { customerOperations } from "./resources/customers";
import { invoiceOperations } from "./resources/invoices";
import { keyOperations } from "./resources/keys";
import { resellerOperations } from "./resources/resellers";
import { usageOperations } from "./resources/usage";

/**
 * Every /api/v1 operation, the one list the OpenAPI document is built from (a test checks each route file
 * under app/api/v1 is in it, and each entry has its route file). A resource module exports its list; add
 * it here.
 */
export const operations: ApiOperation[] = [
  ...keyOperations,
  ...resellerOperations,
  ...contractOperations,
  ...customerOperations,
  ...usageOperations,
  ...invoiceOperations,
  ...creditNoteOperations,
  ...billingRunOperations,
];
