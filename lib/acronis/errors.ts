export type AcronisErrorKind = "http" | "timeout" | "validation" | "network";

export type AcronisErrorInit = {
  kind: AcronisErrorKind;
  message: string;
  status?: number | null;
  code?: string | number | null;
  domain?: string | null;
  retryable?: boolean;
  method?: string;
  path?: string;
  details?: unknown;
  cause?: unknown;
};

/** Every failure of the Acronis client: HTTP errors, timeouts, network failures, unexpected payloads. */
export class AcronisError extends Error {
  readonly kind: AcronisErrorKind;
  /** HTTP status, when a response arrived. */
  readonly status: number | null;
  /** Acronis error code (`error.code`, e.g. 1006, or `invalid_client` from the token endpoint). */
  readonly code: string | number | null;
  readonly domain: string | null;
  readonly retryable: boolean;
  readonly method: string | null;
  readonly path: string | null;
  readonly details: unknown;

  constructor(init: AcronisErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "AcronisError";
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.domain = init.domain ?? null;
    this.retryable = init.retryable ?? false;
    this.method = init.method ?? null;
    this.path = init.path ?? null;
    this.details = init.details;
  }
}

export function isAcronisError(error: unknown): error is AcronisError {
  return error instanceof AcronisError;
}

/** A versioned write lost a race (tenant/user PUT → 409, quota PUT → 426). */
export function isStaleVersionError(error: unknown): boolean {
  return isAcronisError(error) && error.kind === "http" && (error.status === 409 || error.status === 426);
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
