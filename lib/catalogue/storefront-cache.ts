import "server-only";
import { revalidateTag } from "next/cache";
import { log } from "@/lib/log";

/** The cache tag of every storefront page and the data they read (branding, catalogue, prices, FX). */
export const STOREFRONT_TAG = "storefront";

/**
 * Call after a change the storefront shows (branding, catalogue, prices, FX, taxes) has committed, from a
 * server action or route handler: the storefront's cached pages are rebuilt on their next request.
 */
export function storefrontChanged(): void {
  try {
    revalidateTag(STOREFRONT_TAG, "max");
  } catch (error) {
    // Outside a request (a script, a test) there is no cache to revalidate.
    log.debug({ err: error }, "[storefront] no cache to revalidate here");
  }
}
