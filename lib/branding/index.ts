import "server-only";
import { connection } from "next/server";
import { cache } from "react";
import type { DistributorSettings } from "@/db/schema";
import { currentSettings } from "@/lib/settings/current";
import { readableOn } from "./contrast";

export type Brand = Pick<
  DistributorSettings,
  | "name"
  | "legalName"
  | "tagline"
  | "logoUrl"
  | "faviconUrl"
  | "primaryColor"
  | "accentColor"
  | "supportEmail"
  | "addressLines"
  | "termsVersion"
  | "termsText"
  | "privacyText"
  | "baseCurrency"
> & { primaryText: string; accentText: string };

const fallback: Brand = {
  name: "Tierline",
  legalName: "Tierline",
  tagline: "",
  logoUrl: null,
  faviconUrl: null,
  primaryColor: "#1d4ed8",
  accentColor: "#0f766e",
  supportEmail: "support@localhost",
  addressLines: [],
  termsVersion: "1",
  termsText: "",
  privacyText: "",
  baseCurrency: "USD",
  primaryText: "#ffffff",
  accentText: "#ffffff",
};

/** The distributor's branding, read per request so an admin's change shows without a rebuild. */
export const getBrand = cache(async (): Promise<Brand> => {
  await connection();
  const s = await currentSettings();
  if (!s) return fallback;
  return { ...s, primaryText: readableOn(s.primaryColor), accentText: readableOn(s.accentColor) };
});

export function brandStyle(brand: Brand): Record<string, string> {
  return {
    "--brand": brand.primaryColor,
    "--brand-contrast": brand.primaryText,
    "--accent": brand.accentColor,
    "--accent-contrast": brand.accentText,
  };
}
