import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address.mjs";

describe("clientAddress", () => {
  it("with no trusted proxy, is the socket's peer whatever X-Forwarded-For says", () => {
    expect(clientAddress("198.51.100.4", "203.0.113.7", 0)).toBe("198.51.100.4");
    // Rotating the first entry (the estimator bypass of issue 10) changes nothing.
    expect(clientAddress("198.51.100.4", "1.2.3.4", 0)).toBe(clientAddress("198.51.100.4", "5.6.7.8", 0));
    expect(clientAddress("::ffff:127.0.0.1", undefined, 0)).toBe("127.0.0.1");
    expect(clientAddress(undefined, undefined, 0)).toBe("unknown");
  });

  it("behind N proxies, is the entry the outermost proxy wrote, never one the client wrote", () => {
    // client → proxy A (appends client) → app: XFF "client", peer A
    expect(clientAddress("10.0.0.2", "203.0.113.7", 1)).toBe("203.0.113.7");
    // A client that sends its own XFF: "spoofed, real" — the proxy appended the real address last.
    expect(clientAddress("10.0.0.2", "1.1.1.1, 203.0.113.7", 1)).toBe("203.0.113.7");
    // Two proxies: client → A → B → app: XFF "client, A", peer B.
    expect(clientAddress("10.0.0.3", "9.9.9.9, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    // Fewer hops than configured: the leftmost is all there is.
    expect(clientAddress("10.0.0.2", undefined, 2)).toBe("10.0.0.2");
  });

  it("ignores entries that are not addresses", () => {
    expect(clientAddress("10.0.0.2", "<script>, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.2", ["203.0.113.7"], 1)).toBe("203.0.113.7");
  });
});
