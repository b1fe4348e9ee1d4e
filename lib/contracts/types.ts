import type { contractPendingChanges } from "@/db/schema";
import type { Actor } from "@/lib/audit";

/** Every lifecycle call says who acts and what day it is (UTC, YYYY-MM-DD): the clock is a parameter. */
export type Acting = { actor: Actor; today: string };

export type ContractRef = Acting & { contractId: string };

export type { JobKind } from "@/lib/provisioning/job-params";

export type ContractPendingChange = typeof contractPendingChanges.$inferSelect;
