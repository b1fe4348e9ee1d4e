import { describe, expect, it } from "vitest";
import { HIDDEN_LINK, hideOneTimeLinks, mayReadOneTimeLinks } from "./one-time-links";

describe("one-time links in the outbox", () => {
  it("hides reset and verification links and keeps the rest of the email", () => {
    const text = [
      "Hello Ada,",
      "Reset your password: https://cloud.skyline.example/reset-password?token=abc_DEF-123 (valid 60 minutes).",
      "Confirm: http://localhost:3000/signup/verify?lang=en&token=xyz",
      "Plans: https://cloud.skyline.example/#plans",
    ].join("\n");
    const { text: shown, hidden } = hideOneTimeLinks(text);
    expect(hidden).toBe(2);
    expect(shown).not.toContain("token=");
    expect(shown).toContain(`Reset your password: ${HIDDEN_LINK} (valid 60 minutes).`);
    expect(shown).toContain(`Confirm: ${HIDDEN_LINK}`);
    expect(shown).toContain("Plans: https://cloud.skyline.example/#plans");
    expect(shown.startsWith("Hello Ada,")).toBe(true);
  });

  it("leaves an email without one-time links as it is", () => {
    expect(hideOneTimeLinks("Your invoice INV-2026-000001 is ready.")).toEqual({
      text: "Your invoice INV-2026-000001 is ready.",
      hidden: 0,
    });
  });

  it("shows the links only to the distributor admin, and only while no mail server is configured", () => {
    expect(mayReadOneTimeLinks("admin", false)).toBe(true);
    expect(mayReadOneTimeLinks("admin", true)).toBe(false);
    expect(mayReadOneTimeLinks("support", false)).toBe(false);
    expect(mayReadOneTimeLinks("finance", false)).toBe(false);
  });
});
