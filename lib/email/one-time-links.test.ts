import { describe, expect, it } from "vitest";
import { HIDDEN_SECRET, mayReadOneTimeLinks, redactSecrets } from "./one-time-links";

describe("single-use secrets in the outbox", () => {
  const token = "abc_DEF-123-very-secret-token";

  it("hides the token itself, whatever link (or no link) surrounds it", () => {
    const text = [
      "Hello Ada,",
      // The takeover of issue 10: a scheme no URL pattern expects, a host the attacker chose.
      `Reset your password: hxxp://evil.example/reset-password?token=${token} (valid 60 minutes).`,
      `Or paste this code: ${token}`,
      "Plans: https://cloud.skyline.example/#plans",
    ].join("\n");
    const { text: shown, hidden } = redactSecrets(text, [token]);
    expect(hidden).toBe(2);
    expect(shown).not.toContain(token);
    expect(shown).toContain(`Or paste this code: ${HIDDEN_SECRET}`);
    expect(shown).toContain("Plans: https://cloud.skyline.example/#plans");
    expect(shown.startsWith("Hello Ada,")).toBe(true);
  });

  it("leaves an email without secrets as it is", () => {
    expect(redactSecrets("Your invoice INV-2026-000001 is ready.", [])).toEqual({
      text: "Your invoice INV-2026-000001 is ready.",
      hidden: 0,
    });
  });

  it("refuses a secret too short to be one (it would blank out ordinary words)", () => {
    expect(() => redactSecrets("the", ["the"])).toThrow(/at least 8 characters/);
  });

  it("shows secrets only to the admin of a demo with no mail server", () => {
    const demo = { demo: true, mailServerConfigured: false };
    expect(mayReadOneTimeLinks("admin", demo)).toBe(true);
    expect(mayReadOneTimeLinks("admin", { demo: true, mailServerConfigured: true })).toBe(false);
    expect(mayReadOneTimeLinks("admin", { demo: false, mailServerConfigured: false })).toBe(false);
    expect(mayReadOneTimeLinks("support", demo)).toBe(false);
    expect(mayReadOneTimeLinks("finance", demo)).toBe(false);
  });
});
