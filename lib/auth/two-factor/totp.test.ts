import { describe, expect, it } from "vitest";
import {
  formatManualKey,
  isTotpCodeShape,
  matchTotp,
  newTotpSecret,
  otpauthUri,
  totpCode,
  totpStep,
} from "./totp";

// RFC 6238 appendix B's SHA-1 seed, "12345678901234567890", in base32; its 8-digit values end in these six.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const at = (seconds: number) => new Date(seconds * 1000);

describe("TOTP (RFC 6238, SHA-1, six digits, 30 s)", () => {
  it.each([
    [59, "287082"],
    [1111111109, "081804"],
    [1111111111, "050471"],
    [1234567890, "005924"],
    [2000000000, "279037"],
  ])("at %i s the code is %s", (seconds, code) => {
    expect(totpCode(RFC_SECRET, at(seconds))).toBe(code);
    expect(matchTotp(RFC_SECRET, code, at(seconds))).toBe(totpStep(at(seconds)));
  });

  it("accepts one step either side for clock drift, and names the step the code belongs to", () => {
    const now = at(1_700_000_000);
    const step = totpStep(now);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, at(1_700_000_000 - 30)), now)).toBe(step - 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, at(1_700_000_000 + 30)), now)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, at(1_700_000_000 - 60)), now)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, at(1_700_000_000 + 60)), now)).toBeNull();
  });

  it("reads codes with spaces, refuses anything but six digits", () => {
    const now = at(1_700_000_000);
    const code = totpCode(RFC_SECRET, now);
    expect(matchTotp(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(totpStep(now));
    expect(isTotpCodeShape("123 456")).toBe(true);
    for (const bad of ["12345", "1234567", "abcdef", ""]) {
      expect(isTotpCodeShape(bad)).toBe(false);
      expect(matchTotp(RFC_SECRET, bad, now)).toBeNull();
    }
  });

  it("makes 160-bit secrets, an otpauth URI apps read, and a key grouped for typing", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = otpauthUri(secret, "ana@example.com", "Skyline Cloud");
    expect(uri).toBe(
      `otpauth://totp/Skyline%20Cloud:ana%40example.com?issuer=Skyline%20Cloud&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(formatManualKey("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });
});
