import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { estimateRequestSchema } from "@/lib/catalogue/estimate-input";
import { estimateMonthlyCosts } from "@/lib/catalogue/storefront";
import { todayUtc } from "@/lib/clock";
import { isAppError } from "@/lib/errors/app-error";
import { clientAddressOf } from "@/lib/http/client-address";
import { log } from "@/lib/log";
import { consumeLimit } from "@/lib/security/limits";

export const dynamic = "force-dynamic";

/**
 * Public storefront estimator: `{ currency, quantities }` → the month's cost on every orderable tier, rated
 * by lib/billing like an invoice. No session needed; prices are public. Each estimate reads the catalogue, so
 * an address gets a limited number a minute (429 with Retry-After beyond it).
 */
export async function POST(request: Request) {
  const allowed = await consumeLimit(getDb(), "estimate", clientAddressOf(request.headers));
  if (!allowed.ok) {
    return NextResponse.json(
      {
        error: {
          code: "rate_limited",
          message: `Too many estimates from your address. Try again in ${allowed.retryAfterSeconds} s.`,
        },
      },
      { status: 429, headers: { "retry-after": String(allowed.retryAfterSeconds) } },
    );
  }
  const body = await request.json().catch(() => null);
  const parsed = estimateRequestSchema.safeParse(body);
  if (!parsed.success) {
    return NextResponse.json(
      { error: { code: "validation", message: "Expected { currency, quantities }", fields: {} } },
      { status: 400 },
    );
  }
  try {
    const today = todayUtc();
    const estimate = await estimateMonthlyCosts(getDb(), parsed.data, today);
    return NextResponse.json({ estimate }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (isAppError(error) && error.code === "validation") {
      return NextResponse.json(
        { error: { code: error.code, message: error.message, fields: error.fieldErrors ?? {} } },
        { status: 400 },
      );
    }
    log.error({ err: error }, "[estimate] failed");
    return NextResponse.json(
      { error: { code: "internal", message: "The estimate could not be computed." } },
      { status: 500 },
    );
  }
}
