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

/**
 * Acronis platform codes in `error.code` (developer.acronis.com, Account Management "API error
 * codes"; docs/ACRONIS.md).
 */
export const ACRONIS_ERROR_CODES = {
  versionMismatch: 1001,
  accessDenied: 1002,
  tenantNameConflict: 1004,
  tenantNotFound: 1005,
  deleteNonDisabledTenant: 1006,
} as const;

const CODE_DESCRIPTIONS: Record<number, string> = {
  1001: "version mismatch",
  1002: "access denied",
  1003: "parent tenant is disabled",
  1004: "tenant name conflict",
  1005: "tenant not found",
  1006: "tenant must be disabled before deletion",
  1012: "tenant is locked",
};

/** What an Acronis platform code means, for error messages (null when we do not know it). */
export function describeAcronisCode(code: string | number | null): string | null {
  return code === null ? null : (CODE_DESCRIPTIONS[Number(code)] ?? null);
}

const hasCode = (error: AcronisError, code: number) => error.code !== null && Number(error.code) === code;

/**
 * A versioned write lost a race and is worth re-reading and retrying: a 409 with error.code 1001
 * ("version mismatch") on tenant/user/policy/pricing writes, or 426 on a stale quota version. Other
 * 409s (a sibling's name, 1004; a taken login) are real conflicts: retrying cannot help.
 */
export function isStaleVersionError(error: unknown): boolean {
  if (!isAcronisError(error) || error.kind !== "http") return false;
  return (
    error.status === 426 || (error.status === 409 && hasCode(error, ACRONIS_ERROR_CODES.versionMismatch))
  );
}

/** Another tenant under the same parent already has this name (409, error.code 1004). */
export function isNameConflictError(error: unknown): boolean {
  return (
    isAcronisError(error) &&
    error.kind === "http" &&
    error.status === 409 &&
    hasCode(error, ACRONIS_ERROR_CODES.tenantNameConflict)
  );
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
