import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { fieldErrorsOf } from "@/lib/validation/field-errors";

/** Every route's error body: a stable code, a sentence for people, and field errors when there are any. */
export type ApiErrorBody = {
  error: { code: string; message: string; details?: Record<string, string[]> };
};

/** Maps thrown errors to JSON with the right status; unexpected ones stay generic (no internals leak). */
export function errorResponse(
  error: unknown,
  init: { headers?: HeadersInit } = {},
): NextResponse<ApiErrorBody> {
  if (isAppError(error)) {
    return NextResponse.json(
      {
        error: {
          code: error.code,
          message: error.message,
          ...(error.fieldErrors ? { details: error.fieldErrors } : {}),
        },
      },
      { status: error.status, headers: init.headers },
    );
  }
  log.error({ err: error }, "[api] unexpected error");
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong." } },
    { status: 500, headers: init.headers },
  );
}

/** A request that did not match its schema: 400 with zod's issues by path. */
export function invalidRequest(error: z.ZodError, message = "The request is not valid."): AppError {
  return new AppError("validation", message, fieldErrorsOf(error));
}
