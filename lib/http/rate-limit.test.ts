import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/estimate/route";
import { clientKey, estimateLimiter, RateLimiter, UNKNOWN_CLIENT } from "./rate-limit";

describe("rate limiter", () => {
  it("allows the limit per window and address, then tells how long to wait", () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([1, 2, 3].map(() => limiter.take("10.0.0.1").ok)).toEqual([true, true, true]);
    expect(limiter.take("10.0.0.1")).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(limiter.take("10.0.0.2").ok).toBe(true); // another address has its own window
    now += 45_500;
    expect(limiter.take("10.0.0.1")).toEqual({ ok: false, retryAfterSeconds: 15 });
    now += 14_500;
    expect(limiter.take("10.0.0.1").ok).toBe(true); // a new window
  });

  it("gives a shared bucket its own, larger limit", () => {
    const limiter = new RateLimiter({
      limit: 2,
      windowMs: 60_000,
      limitFor: (key) => (key === UNKNOWN_CLIENT ? 5 : undefined),
    });
    expect(Array.from({ length: 6 }, () => limiter.take(UNKNOWN_CLIENT).ok)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(Array.from({ length: 3 }, () => limiter.take("10.0.0.9").ok)).toEqual([true, true, false]);
  });

  it("keys a request by the first forwarded address", () => {
    const request = (headers: Record<string, string>) => new Request("http://x/", { headers });
    expect(clientKey(request({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }))).toBe("203.0.113.7");
    expect(clientKey(request({ "x-real-ip": "203.0.113.8" }))).toBe("203.0.113.8");
    expect(clientKey(request({}))).toBe(UNKNOWN_CLIENT);
  });

  it("the estimator answers 429 with Retry-After once an address has used its minute", async () => {
    const address = "198.51.100.23";
    while (estimateLimiter.take(address).ok) {
      // use up this address's window
    }
    const response = await POST(
      new Request("http://shop.example/api/estimate", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": address },
        body: JSON.stringify({ currency: "USD", quantities: {} }),
      }),
    );
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await response.json();
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toMatch(/Too many estimates from your address\. Try again in \d+ s\./);
  });
});
