import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { distributorSettings, resellers } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";

export type Party = {
  name: string;
  legalName: string;
  addressLines: string[];
  country: string;
  taxId: string | null;
  email: string | null;
};

/** The parties printed on an invoice; frozen into `invoices.parties` at issue. */
export type InvoiceParties = { distributor: Party; reseller: Party };

export type DistributorDetails = { party: Party; invoicePrefix: string; creditNotePrefix: string };

export async function loadDistributorDetails(db: DbOrTx): Promise<DistributorDetails> {
  const [settings] = await db.select().from(distributorSettings).where(eq(distributorSettings.id, 1));
  if (!settings) throw new AppError("internal", "Distributor settings are missing");
  return {
    party: {
      name: settings.name,
      legalName: settings.legalName,
      addressLines: settings.addressLines,
      country: settings.country,
      taxId: settings.taxId,
      email: settings.supportEmail,
    },
    invoicePrefix: settings.invoiceNumberPrefix,
    creditNotePrefix: settings.creditNoteNumberPrefix,
  };
}

export async function loadResellerParties(
  db: DbOrTx,
  resellerIds: readonly string[],
): Promise<Map<string, Party>> {
  if (resellerIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(resellers)
    .where(inArray(resellers.id, [...new Set(resellerIds)]));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        name: row.name,
        legalName: row.legalName,
        addressLines: [
          row.addressLine1,
          ...(row.addressLine2 ? [row.addressLine2] : []),
          [row.postalCode, row.city, row.region].filter(Boolean).join(" "),
        ],
        country: row.country,
        taxId: row.taxId,
        email: row.billingEmail,
      },
    ]),
  );
}
