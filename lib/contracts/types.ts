import type { contractPendingChanges } from "@/db/schema";
import type { Actor } from "@/lib/audit";

/** Every lifecycle call says who acts and what day it is (UTC, YYYY-MM-DD): the clock is a parameter. */
export type Acting = { actor: Actor; today: string };

export type ContractRef = Acting & { contractId: string };

export type JobKind = "provision" | "tier_change" | "convert" | "suspend" | "resume" | "cancel";

export type ContractPendingChange = typeof contractPendingChanges.$inferSelect;
