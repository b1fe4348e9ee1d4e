import { describe, expect, it } from "vitest";
import { accountEmailSchema } from "./account-email";

describe("accountEmailSchema", () => {
  it("accepts an install's first admin at localhost, trimmed and lower-cased", () => {
    expect(accountEmailSchema.parse(" Admin@LocalHost ")).toBe("admin@localhost");
    expect(accountEmailSchema.parse("ada@acme.example")).toBe("ada@acme.example");
  });

  it("refuses what cannot be an account's email", () => {
    for (const bad of ["", "admin", "@localhost", "admin@", "a b@c.d", "a@b\u0000c", "a@b@c"]) {
      expect(accountEmailSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
