import "server-only";
import { NextResponse } from "next/server";
import { isAppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";

/** Maps thrown errors to JSON with the right status; unexpected ones stay generic (no internals leak). */
export function errorResponse(error: unknown): NextResponse {
  if (isAppError(error)) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message } },
      { status: error.status },
    );
  }
  log.error({ err: error }, "[api] unexpected error");
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong." } },
    { status: 500 },
  );
}
