import { describe, expect, it } from "vitest";
import {
  buildContentSecurityPolicy,
  createNonce,
  PERMISSIONS_POLICY,
  securityHeaders,
} from "./security-headers";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe("buildContentSecurityPolicy", () => {
  const nonce = "AAECAwQFBgcICQoLDA0ODw==";

  it("allows scripts only by nonce (strict-dynamic) in production, no eval, no inline script", () => {
    const csp = directives(buildContentSecurityPolicy({ nonce, isDev: false, isHttps: false }));
    expect(csp.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });

  it("adds 'unsafe-eval' for React's dev tooling only in development", () => {
    const dev = directives(buildContentSecurityPolicy({ nonce, isDev: true, isHttps: false }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    const prod = buildContentSecurityPolicy({ nonce, isDev: false, isHttps: true });
    expect(prod).not.toContain("unsafe-eval");
  });

  it("upgrades insecure sub-resources only when served over https", () => {
    const csp = directives(buildContentSecurityPolicy({ nonce, isDev: false, isHttps: true }));
    expect(csp.has("upgrade-insecure-requests")).toBe(true);
  });

  it("puts the nonce where Next.js finds it (the first 'nonce-…' source of script-src)", () => {
    const csp = buildContentSecurityPolicy({ nonce, isDev: false, isHttps: false });
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"));
    expect(scriptSrc?.match(/'nonce-([A-Za-z0-9+/_-]+={0,2})'/)?.[1]).toBe(nonce);
  });

  it("refuses a nonce that could break out of the header", () => {
    expect(() =>
      buildContentSecurityPolicy({ nonce: "x'; script-src *", isDev: false, isHttps: false }),
    ).toThrow("A CSP nonce must be base64.");
  });
});

describe("createNonce", () => {
  it("is fresh base64 of 128 bits each time", () => {
    const a = createNonce();
    const b = createNonce();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(() => buildContentSecurityPolicy({ nonce: a, isDev: false, isHttps: false })).not.toThrow();
  });
});

describe("securityHeaders", () => {
  it("always sends nosniff, the referrer and permissions policies and DENY framing", () => {
    const h = securityHeaders({ isHttps: false });
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["Permissions-Policy"]).toBe(PERMISSIONS_POLICY);
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["Content-Security-Policy"]).toBeUndefined();
  });

  it("sends HSTS only over https", () => {
    expect(securityHeaders({ isHttps: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ isHttps: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}/);
  });

  it("switches off camera, microphone, geolocation and payment", () => {
    for (const feature of ["camera", "microphone", "geolocation", "payment"]) {
      expect(PERMISSIONS_POLICY).toContain(`${feature}=()`);
    }
  });
});
