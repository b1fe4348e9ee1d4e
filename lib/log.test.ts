import { Writable } from "node:stream";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { createLogger, serializeError } from "./log";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return {
    log: createLogger(stream),
    text: () => lines.join(""),
    records: () => lines.map((l) => JSON.parse(l)),
  };
}

const argon2 = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";

/** What postgres.js throws for a unique violation: the values sit in detail, the SQL in query/parameters. */
function postgresUniqueViolation(): Error {
  const error = Object.assign(
    new Error('duplicate key value violates unique constraint "users_email_unique"'),
    {
      name: "PostgresError",
      severity: "ERROR",
      code: "23505",
      detail: "Key (lower(email))=(victim@example.com) already exists.",
      schema_name: "public",
      table_name: "users",
      constraint_name: "users_email_unique",
    },
  );
  Object.defineProperties(error, {
    query: { value: "insert into users (email, password_hash) values ($1, $2)" },
    parameters: { value: ["victim@example.com", argon2] },
  });
  return error;
}

describe("log redaction", () => {
  it("redacts passwords, hashes, tokens, secrets, cookies and authorization wherever they sit", () => {
    const { log, text, records } = capture();
    log.info(
      {
        password: "hunter2-password",
        user: { email: "a@example.com", passwordHash: argon2 },
        request: {
          headers: { authorization: "Bearer tok-abc-123", cookie: "authjs.session-token=sess-xyz" },
        },
        reset: { token: "reset-token-456", hash: "sha256-of-token" },
        acronis: { clientSecret: "client-secret-789" },
        params: ["bound-param-1"],
      },
      "signing in",
    );
    const out = text();
    for (const secret of [
      "hunter2",
      "$argon2id",
      "tok-abc-123",
      "sess-xyz",
      "reset-token-456",
      "sha256-of-token",
      "client-secret-789",
      "bound-param-1",
    ]) {
      expect(out).not.toContain(secret);
    }
    const [record] = records();
    expect(record.password).toBe("[redacted]");
    expect(record.user).toEqual({ email: "a@example.com", passwordHash: "[redacted]" });
    expect(record.request.headers.authorization).toBe("[redacted]");
    expect(record.msg).toBe("signing in");
  });
});

describe("failed queries in the log", () => {
  it("logs drizzle's failed query by the database's code, constraint and table, never its parameters", () => {
    const { log, text, records } = capture();
    const failed = new DrizzleQueryError(
      "insert into users (email, password_hash) values ($1, $2)",
      ["victim@example.com", argon2],
      postgresUniqueViolation(),
    );
    expect(failed.message).toContain(argon2); // what used to reach the log
    log.error({ err: failed }, "[action] unexpected error");
    log.error(failed);
    const out = text();
    expect(out).not.toContain("argon2");
    expect(out).not.toContain("victim@example.com");
    expect(out).not.toContain("params:");
    const [first, second] = records();
    expect(first.err).toMatchObject({
      type: "DrizzleQueryError",
      cause: { type: "PostgresError", code: "23505", constraint: "users_email_unique", table: "users" },
    });
    expect(second.msg).toBe("Error");
  });

  it("keeps the message of an ordinary error, with its cause", () => {
    const error = new Error("Acronis answered 503", {
      cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
    });
    expect(serializeError(error)).toMatchObject({
      type: "Error",
      message: "Acronis answered 503",
      cause: { message: "socket hang up", code: "ECONNRESET" },
    });
  });

  it("never keeps a database error's message, which can quote a value", () => {
    const invalid = Object.assign(new Error('invalid input syntax for type uuid: "reset-token-456"'), {
      name: "PostgresError",
      severity: "ERROR",
      code: "22P02",
    });
    const out = JSON.stringify(serializeError(invalid));
    expect(out).not.toContain("reset-token-456");
    expect(out).toContain("22P02");
  });
});
