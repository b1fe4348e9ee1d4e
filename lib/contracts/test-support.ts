import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
import { orderContract } from "./order";
import { markProvisioned } from "./provisioning";

/** Shared fixtures of the contract integration tests: one fresh reseller per test. */
export const owner: Actor = { userId: null, label: "owner@test" };
export const admin: Actor = { userId: null, label: "admin@test" };
export const db = (): Db => globalThis.testDb.db;

export async function newReseller(name = "Reseller"): Promise<string> {
  const tag = `test-${randomUUID()}`;
  const [row] = await db()
    .insert(s.resellers)
    .values({
      name,
      legalName: `${name} Ltd`,
      addressLine1: "1 Test Street",
      city: "Testville",
      postalCode: "T1",
      country: "GB",
      currency: "USD",
      billingEmail: `${tag}@example.com`,
      status: "active",
      internalTag: tag,
    })
    .returning();
  return row!.id;
}

/** A provisioned contract on a fresh reseller: active (paid) or in trial. */
export async function liveContract(options: {
  tierCode: string;
  today: string;
  trial?: boolean;
  rampUpCycles?: number;
}) {
  const resellerId = await newReseller();
  const ordered = await orderContract(db(), {
    resellerId,
    tierCode: options.tierCode,
    currency: "USD",
    trial: options.trial ?? false,
    rampUpCycles: options.rampUpCycles,
    actor: owner,
    today: options.today,
  });
  return markProvisioned(db(), { contractId: ordered.id, actor: admin, today: options.today });
}

export async function expectRefusal(
  promise: Promise<unknown>,
  code: AppError["code"],
  message: string | RegExp,
) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected a refusal").toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (typeof message === "string") expect((error as AppError).message).toContain(message);
  else expect((error as AppError).message).toMatch(message);
}

export async function getContract(id: string) {
  const [row] = await db().select().from(s.contracts).where(eq(s.contracts.id, id));
  return row!;
}

export async function jobsOf(contractId: string) {
  return db().select().from(s.provisioningJobs).where(eq(s.provisioningJobs.contractId, contractId));
}

export async function eventsOf(contractId: string) {
  return db().select().from(s.contractEvents).where(eq(s.contractEvents.contractId, contractId));
}

export async function historyOf(contractId: string) {
  return db()
    .select({
      from: s.contractTierHistory.effectiveFrom,
      kind: s.contractTierHistory.kind,
      tier: s.tiers.code,
    })
    .from(s.contractTierHistory)
    .innerJoin(s.tiers, eq(s.tiers.id, s.contractTierHistory.tierId))
    .where(eq(s.contractTierHistory.contractId, contractId))
    .orderBy(s.contractTierHistory.createdAt);
}

export async function updateSettings(patch: Partial<typeof s.distributorSettings.$inferInsert>) {
  await db().update(s.distributorSettings).set(patch).where(eq(s.distributorSettings.id, 1));
}
