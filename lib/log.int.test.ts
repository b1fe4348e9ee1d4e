import { Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createLogger, safeErrorMessage } from "./log";

const db = () => globalThis.testDb.db;
const argon2 = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger(stream), text: () => lines.join("") };
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("the query was expected to fail");
}

describe("a failed query in the log", () => {
  it("shows the code and the constraint, never the parameters (an argon2 hash among them)", async () => {
    const email = `dup-${Date.now()}@example.com`;
    await db().insert(users).values({ email, name: "First", role: "admin", passwordHash: argon2 });
    const error = await failure(() =>
      db().insert(users).values({ email, name: "Second", role: "admin", passwordHash: argon2 }),
    );
    expect(String((error as Error).message)).toContain(argon2); // drizzle's own message carries them
    const { log, text } = capture();
    log.error({ err: error }, "[action] unexpected error");
    const out = text();
    expect(out).not.toContain("argon2");
    expect(out).not.toContain(email);
    expect(out).toContain('"code":"23505"');
    expect(out).toMatch(/"constraint":"[a-z_]+"/);
  });

  it("does not repeat a value the database quotes in its message", async () => {
    const token = "reset-token-3f9a1c";
    const error = await failure(() => db().select().from(users).where(eq(users.id, token)));
    const { log, text } = capture();
    log.error({ err: error }, "lookup failed");
    log.warn(error as Error);
    expect(text()).not.toContain(token);
    expect(text()).toContain('"code":"22P02"');
  });
});

describe("an error stored for people to read (a job's last error)", () => {
  it("names the database error by code, constraint and table, never its parameters", async () => {
    const email = `dup-stored-${Date.now()}@example.com`;
    await db().insert(users).values({ email, name: "First", role: "admin", passwordHash: argon2 });
    const error = await failure(() =>
      db().insert(users).values({ email, name: "Second", role: "admin", passwordHash: argon2 }),
    );
    const message = safeErrorMessage(error);
    expect(message).toMatch(/^database error 23505 \(constraint users_email_key, table users\)$/);
    expect(message).not.toContain(email);
    expect(safeErrorMessage(new Error("Acronis is down"))).toBe("Acronis is down");
  });
});
