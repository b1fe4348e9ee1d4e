import { describe, expect, it } from "vitest";
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  isRecoveryCodeShape,
  normaliseRecoveryCode,
  RECOVERY_CODE_COUNT,
} from "./recovery-codes";

describe("recovery codes", () => {
  it("are ten distinct codes without look-alike characters", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      expect(code).not.toMatch(/[01ilo]/);
      expect(isRecoveryCodeShape(code)).toBe(true);
    }
  });

  it("read the same however they are typed, and hash to the same SHA-256", () => {
    expect(normaliseRecoveryCode(" ABCDE-fghjk ")).toBe("abcdefghjk");
    expect(hashRecoveryCode("abcde fghjk")).toBe(hashRecoveryCode("ABCDE-FGHJK"));
    expect(hashRecoveryCode("abcde-fghjk")).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode("abcde-fghjk")).not.toBe(hashRecoveryCode("abcde-fghjm"));
  });

  it("a six-digit code or a wrong length is not a recovery code", () => {
    for (const bad of ["123456", "abcde-fghj", "abcde-fghjkm", "abcde-fghj1"])
      expect(isRecoveryCodeShape(bad)).toBe(false);
  });
});
