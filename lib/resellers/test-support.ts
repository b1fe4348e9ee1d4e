import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { createReseller } from "./create";
import { createResellerSchema } from "./schema";

export const admin = { userId: null, label: "admin@test" };

/** A reseller created by hand by an admin (paid Tier 2 in USD unless told), with a unique name and login. */
export async function createByHand(
  db: Db,
  today: string,
  overrides: Record<string, string> = {},
): Promise<{ resellerId: string; contractId: string; ownerId: string; email: string }> {
  const id = randomUUID().slice(0, 8);
  const email = `owner-${id}@hand.example`;
  const input = createResellerSchema.parse({
    name: `Hand Made ${id}`,
    legalName: `Hand Made ${id} Ltd`,
    addressLine1: "1 Main Street",
    city: "Springfield",
    postalCode: "12345",
    country: "US",
    taxId: "",
    billingEmail: `billing-${id}@hand.example`,
    billingContacts: "",
    currency: "USD",
    tier: "T2",
    ownerName: "Olive Owner",
    ownerEmail: email,
    acronisLogin: `hand-${id}`,
    ...overrides,
  });
  const created = await createReseller(db, admin, input, {
    checkAcronisLogin: async () => true,
    appUrl: "https://shop.example",
    today,
  });
  return { ...created, email };
}

export async function resellerRow(db: Db, id: string) {
  const [row] = await db.select().from(s.resellers).where(eq(s.resellers.id, id));
  return row!;
}
