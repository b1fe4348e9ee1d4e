import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { clientAddressOf } from "./client-address";

/**
 * The origin every emailed link points at: APP_URL, always. Never the request's Host or X-Forwarded-*
 * headers — a visitor sets those, and a reset link built from them would carry the token to their host
 * (or, with a made-up scheme, past the outbox's redaction). scripts/run.ts defaults APP_URL to
 * http://localhost:$PORT in development and refuses to start production without it.
 */
export function appOrigin(): string {
  const url = env().APP_URL;
  if (!url) {
    throw new Error(
      "APP_URL is not set: emailed links need the app's public URL (e.g. https://portal.example.com).",
    );
  }
  return url;
}

/** The client's address (for the terms-acceptance record and per-address limits). */
export async function requestAddress(): Promise<string> {
  return clientAddressOf(await headers());
}
