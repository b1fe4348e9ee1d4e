import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import {
  decodeSecretsKey,
  decryptSecret,
  encryptSecret,
  generateSecretsKey,
  SecretDecryptError,
  secretsKeyFromEnv,
} from "./secrets";

const key = randomBytes(32);
const secret = "s3cr3t-client-secret-Ω";

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, and the stored text is versioned and never contains the secret", () => {
    const stored = encryptSecret(secret, key, "datacenter:1");
    expect(stored).toMatch(/^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(stored).not.toContain(secret);
    expect(decryptSecret(stored, key, "datacenter:1")).toBe(secret);
  });

  it("uses a fresh IV each time: the same secret stored twice reads differently", () => {
    expect(encryptSecret(secret, key)).not.toBe(encryptSecret(secret, key));
  });

  it("refuses another key with a message naming TIERLINE_SECRETS_KEY and not the secret", () => {
    const stored = encryptSecret(secret, key);
    const attempt = () => decryptSecret(stored, randomBytes(32));
    expect(attempt).toThrow(SecretDecryptError);
    expect(attempt).toThrow(/TIERLINE_SECRETS_KEY/);
    try {
      attempt();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(secret);
      expect((error as SecretDecryptError).reason).toBe("wrong_key");
    }
  });

  it("refuses a value moved to another row (the context is authenticated)", () => {
    const stored = encryptSecret(secret, key, "datacenter:1");
    expect(() => decryptSecret(stored, key, "datacenter:2")).toThrow(SecretDecryptError);
  });

  it("refuses an altered ciphertext rather than returning garbage", () => {
    const stored = encryptSecret(secret, key);
    const [v, iv, tag, ct] = stored.split(":") as [string, string, string, string];
    const flipped = Buffer.from(ct, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64url")].join(":"), key)).toThrow(
      SecretDecryptError,
    );
  });

  it("calls a value of another format malformed", () => {
    for (const bad of ["plain-text", "v2:a:b:c", "v1:only:three", "v1:!!:??:**"]) {
      try {
        decryptSecret(bad, key);
        expect.unreachable(bad);
      } catch (error) {
        expect((error as SecretDecryptError).reason).toBe("malformed");
      }
    }
  });
});

describe("the key", () => {
  const before = process.env.TIERLINE_SECRETS_KEY;
  afterEach(() => {
    if (before === undefined) delete process.env.TIERLINE_SECRETS_KEY;
    else process.env.TIERLINE_SECRETS_KEY = before;
  });

  it("is read as hex, base64 or base64url, 32 bytes each", () => {
    const bytes = randomBytes(32);
    expect(decodeSecretsKey(bytes.toString("hex"))).toEqual(bytes);
    expect(decodeSecretsKey(bytes.toString("base64"))).toEqual(bytes);
    expect(decodeSecretsKey(bytes.toString("base64url"))).toEqual(bytes);
    expect(decodeSecretsKey(generateSecretsKey())).toHaveLength(32);
  });

  it("refuses other lengths and text", () => {
    expect(decodeSecretsKey(randomBytes(16).toString("base64"))).toBeNull();
    expect(decodeSecretsKey(randomBytes(31).toString("hex"))).toBeNull();
    expect(decodeSecretsKey("correct horse battery staple")).toBeNull();
  });

  it("comes from TIERLINE_SECRETS_KEY, whose bad value env() names without echoing it", () => {
    const bytes = randomBytes(32);
    process.env.TIERLINE_SECRETS_KEY = bytes.toString("base64");
    expect(secretsKeyFromEnv()).toEqual(bytes);
    delete process.env.TIERLINE_SECRETS_KEY;
    expect(secretsKeyFromEnv()).toBeNull();
    process.env.TIERLINE_SECRETS_KEY = "too-short-key-value";
    expect(() => env()).toThrow(/TIERLINE_SECRETS_KEY: .*32 bytes/);
    expect(() => env()).not.toThrow(/too-short-key-value/);
  });
});
