import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { distributorSettings } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { contrastRatio } from "@/lib/branding/contrast";
import { multiLine, singleLine } from "@/lib/validation/text";

const hexColour = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #1d4ed8.")
  .transform((v) => v.toLowerCase());
const optionalUrl = singleLine({ max: 500 })
  .transform((v) => (v === "" ? null : v))
  .refine(
    (v) => v === null || /^(https?:\/\/|\/)\S+$/.test(v),
    "Use an https:// address or a path like /logo.svg.",
  );

export const brandingSchema = z
  .object({
    name: singleLine({ min: 2, minMessage: "Enter the name shown on the storefront.", max: 80 }),
    legalName: singleLine({ min: 2, minMessage: "Enter the legal name printed on invoices.", max: 120 }),
    tagline: singleLine({ max: 200, maxMessage: "Keep the tagline under 200 characters." }),
    supportEmail: z.string().trim().email("Enter a valid email address."),
    logoUrl: optionalUrl,
    faviconUrl: optionalUrl,
    primaryColor: hexColour,
    accentColor: hexColour,
    termsVersion: singleLine({ min: 1, minMessage: "Enter a version, e.g. 2026-01.", max: 40 }),
    termsText: multiLine({
      min: 20,
      minMessage: "The terms need at least a sentence.",
      max: 50_000,
      maxMessage: "Keep the terms under 50,000 characters.",
    }),
    privacyText: multiLine({
      min: 20,
      minMessage: "The privacy notice needs at least a sentence.",
      max: 50_000,
      maxMessage: "Keep the privacy notice under 50,000 characters.",
    }),
  })
  // The brand colour is also link text on white pages: it must reach WCAG's 3:1 against white.
  .refine((v) => contrastRatio(v.primaryColor, "#ffffff") >= 3, {
    path: ["primaryColor"],
    message:
      "This colour is too light to read on a white page; pick a darker one (needs 3:1 contrast with white).",
  });

export type BrandingInput = z.infer<typeof brandingSchema>;

/** Updates the storefront branding; takes effect on the next request, no rebuild. */
export async function updateBranding(db: Db, input: BrandingInput, actor: Actor): Promise<void> {
  await updateSettings(db, input, actor, "settings.branding_updated");
}

/**
 * Writes some distributor settings in one transaction with an audit entry naming only what changed; every
 * settings form goes through here.
 */
export async function updateSettings(
  db: Db,
  input: Partial<typeof distributorSettings.$inferInsert>,
  actor: Actor,
  action: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(distributorSettings)
      .where(eq(distributorSettings.id, 1))
      .for("update");
    await tx
      .update(distributorSettings)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(distributorSettings.id, 1));
    const changed = Object.fromEntries(
      Object.entries(input).filter(([k, v]) => before?.[k as keyof typeof before] !== v),
    );
    await writeAudit(tx, actor, { action, entityType: "settings", entityId: "1", data: changed });
  });
}
