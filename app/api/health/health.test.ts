import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { errorCodeOf, hasHealthToken, healthPayload, probeDatabase } from "./health";

const migrations = { applied: 5, available: 5, latest: "0004_x", upToDate: true };

describe("healthPayload", () => {
  it("tells the public only status and version", () => {
    const payload = healthPayload({ reachable: true, engine: "postgresql", migrations }, "0.1.0", false);
    expect(payload).toEqual({ status: "ok", version: "0.1.0" });
  });

  it("gives an admin or a monitor the engine and migrations, never a server version", () => {
    const payload = healthPayload({ reachable: true, engine: "pglite", migrations }, "0.1.0", true);
    expect(payload).toEqual({
      status: "ok",
      version: "0.1.0",
      database: { engine: "pglite", reachable: true, migrations },
    });
    expect(JSON.stringify(payload)).not.toMatch(/PostgreSQL \d|serverVersion/);
  });

  it("is an error while migrations are pending", () => {
    const pending = { ...migrations, applied: 4, upToDate: false };
    expect(healthPayload({ reachable: true, engine: "pglite", migrations: pending }, "0.1.0", false)).toEqual(
      {
        status: "error",
        version: "0.1.0",
      },
    );
  });
});

describe("probeDatabase", () => {
  it("reports a database that is down by code only: no SQL, no message", async () => {
    const failing = {
      execute: async () => {
        const cause = Object.assign(new Error('relation "users" does not exist'), { code: "42P01" });
        throw Object.assign(new Error("Failed query: select password_hash from users\nparams: secret"), {
          cause,
        });
      },
    } as unknown as Db;
    const probe = await probeDatabase(() => failing, "postgresql");
    expect(probe).toEqual({ reachable: false, engine: "postgresql", errorCode: "42P01" });
    for (const isDetailed of [false, true]) {
      const text = JSON.stringify(healthPayload(probe, "0.1.0", isDetailed));
      expect(text).not.toMatch(/select|users|secret|Failed/);
      expect(JSON.parse(text).status).toBe("error");
    }
  });

  it("survives a missing connection string", async () => {
    const probe = await probeDatabase(() => {
      throw new Error("DATABASE_URL is not set");
    }, "pglite");
    expect(probe).toEqual({ reachable: false, engine: "pglite", errorCode: null });
  });
});

describe("errorCodeOf", () => {
  it("takes a SQLSTATE or system code, never free text", () => {
    expect(errorCodeOf(Object.assign(new Error("x"), { code: "ECONNREFUSED" }))).toBe("ECONNREFUSED");
    expect(errorCodeOf(Object.assign(new Error("x"), { code: "not a code; select 1" }))).toBeNull();
    expect(errorCodeOf("boom")).toBeNull();
  });
});

describe("hasHealthToken", () => {
  const token = "s3cret-health-token-0123456789";

  it("accepts exactly the configured bearer token", () => {
    expect(hasHealthToken(`Bearer ${token}`, token)).toBe(true);
    expect(hasHealthToken(`bearer ${token}`, token)).toBe(true);
  });

  it.each([
    [null, token],
    ["", token],
    [token, token],
    [`Bearer ${token}x`, token],
    [`Bearer ${token.slice(0, -1)}`, token],
    ["Basic dXNlcjpwYXNz", token],
    [`Bearer ${token}`, undefined],
  ])("refuses %j", (header, expected) => {
    expect(hasHealthToken(header, expected)).toBe(false);
  });
});
