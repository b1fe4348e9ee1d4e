import { describe, expect, it } from "vitest";
import { isBodyTooLarge, MAX_BODY_BYTES, payloadTooLargeResponse } from "./body-limit";

describe("isBodyTooLarge", () => {
  it.each([
    [null, false],
    ["", false],
    ["0", false],
    [String(MAX_BODY_BYTES), false],
    [String(MAX_BODY_BYTES + 1), true],
    [String(3 * 1024 * 1024), true],
    ["12abc", true],
  ])("Content-Length %j → %s", (length, expected) => {
    expect(isBodyTooLarge(length)).toBe(expected);
  });
});

describe("payloadTooLargeResponse", () => {
  it("answers /api with a JSON error", async () => {
    const res = payloadTooLargeResponse(true, { "X-Content-Type-Options": "nosniff" });
    expect(res.status).toBe(413);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.json()).toEqual({
      error: { code: "payload_too_large", message: expect.stringMatching(/1 MB/) },
    });
  });

  it("answers pages with a short HTML page", async () => {
    const res = payloadTooLargeResponse(false, {});
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/too large.*1 MB/s);
  });
});
