import pino, { type DestinationStream, type Logger } from "pino";

/**
 * The one logger: JSON lines on stdout (pino), for the web server, the launcher and the worker. Two rules
 * keep secrets out of the log:
 * - redaction: a field named like a secret (below) is replaced wherever it sits, up to three levels deep;
 * - errors go through `serializeError`: a database error is logged by its SQLSTATE, constraint, table and
 *   column, never its message, detail or query; drizzle's "Failed query: … params: …" message (and the
 *   stack that repeats it) is never written, because its parameters held argon2 hashes and tokens.
 * Log an error as `log.error({ err }, "what failed")`, never by interpolating `err.message`.
 */

const SECRET_KEYS = [
  "password",
  "newPassword",
  "currentPassword",
  "confirm",
  "passwordHash",
  "password_hash",
  "hash",
  "token",
  "tokenHash",
  "token_hash",
  "accessToken",
  "access_token",
  "refreshToken",
  "secret",
  "clientSecret",
  "client_secret",
  "authorization",
  "cookie",
  "parameters",
  "params",
];

/** fast-redact paths: each key at the top level and one or two objects down. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

const SQLSTATE = /^[0-9A-Z]{5}$/;

type SerializedError = {
  type: string;
  message?: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  schema?: string;
  stack?: string;
  cause?: SerializedError;
};

function text(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}

/** A database error from postgres.js (PostgresError) or pg (DatabaseError, under pg-boss). */
function isDatabaseError(e: Record<string, unknown>): boolean {
  return (
    typeof e.code === "string" && SQLSTATE.test(e.code) && ("severity" in e || e.name === "PostgresError")
  );
}

/** drizzle's wrapper: its message and stack carry the SQL and every parameter. */
function isQueryWrapper(e: Record<string, unknown>): boolean {
  return e.name === "DrizzleQueryError" || ("query" in e && "params" in e);
}

/** Stack frames only: the first lines of a stack repeat the message. */
function framesOf(stack: unknown): string | undefined {
  if (typeof stack !== "string") return undefined;
  const at = stack.indexOf("\n    at ");
  return at === -1 ? undefined : stack.slice(at + 1);
}

export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error) && (typeof error !== "object" || error === null)) {
    return { type: typeof error, message: typeof error === "string" ? error : undefined };
  }
  const e = error as unknown as Record<string, unknown>;
  const named = text(e.name) ?? "Error";
  const type = isQueryWrapper(e)
    ? "DrizzleQueryError"
    : named === "Error"
      ? ((error as object).constructor?.name ?? named)
      : named;
  const out: SerializedError = { type };
  if (isDatabaseError(e)) {
    out.code = e.code as string;
    out.constraint = text(e.constraint_name) ?? text(e.constraint);
    out.table = text(e.table_name) ?? text(e.table);
    out.column = text(e.column_name) ?? text(e.column);
    out.schema = text(e.schema_name) ?? text(e.schema);
  } else if (!isQueryWrapper(e)) {
    out.message = text(e.message);
    if (typeof e.code === "string" && /^[A-Za-z0-9_.:-]{1,64}$/.test(e.code)) out.code = e.code;
  }
  out.stack = framesOf(e.stack);
  if (e.cause !== undefined && depth < 4) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

export function createLogger(destination?: DestinationStream): Logger {
  const options = {
    base: { app: "tierline" },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: serializeError, error: serializeError },
    hooks: {
      // `log.error(err)` would make err.message the line's msg; log the error as `err` and its type instead.
      logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
        const [first, ...rest] = args;
        if (first instanceof Error)
          return method.apply(this, [{ err: first }, ...(rest.length ? rest : [first.name])]);
        return method.apply(this, args);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

const globalForLog = globalThis as unknown as { tierlineLogger?: Logger };

/** The process-wide logger (one per process, also across dev reloads). */
export const log: Logger = globalForLog.tierlineLogger ?? createLogger();
globalForLog.tierlineLogger = log;

/**
 * A one-line description of an error that is safe to store where people read it (a job's last error): a
 * database error by SQLSTATE, constraint and table — never drizzle's message, which carries the query's
 * parameters — and any other error by its message.
 */
export function safeErrorMessage(error: unknown): string {
  const found = (function find(s: SerializedError): SerializedError | undefined {
    if (s.type === "DrizzleQueryError" && s.cause) return find(s.cause) ?? s.cause;
    return s;
  })(serializeError(error));
  const s = found ?? { type: "Error" };
  if (s.type === "DrizzleQueryError") return "database query failed";
  if (s.message === undefined && s.code) {
    const where = [s.constraint && `constraint ${s.constraint}`, s.table && `table ${s.table}`]
      .filter(Boolean)
      .join(", ");
    return `database error ${s.code}${where ? ` (${where})` : ""}`;
  }
  return s.message ?? s.type;
}
