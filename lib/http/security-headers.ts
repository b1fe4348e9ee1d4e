/**
 * Security headers, as pure functions: proxy.ts adds them per request (the CSP carries a fresh nonce) and
 * next.config.ts adds the static ones to everything else (route handlers, files in public/). No imports, so
 * next.config.ts can load this file too.
 */

export type CspOptions = {
  /** A fresh, unguessable value per request (see createNonce). */
  nonce: string;
  /** `next dev`: React rebuilds server error stacks in the browser with eval. Never in production. */
  isDev: boolean;
  /** Served over https: sub-resources that still say http:// are upgraded instead of blocked. */
  isHttps: boolean;
};

/**
 * The page CSP. Scripts: only Next's own, which it marks with the nonce it reads from this header on the
 * request; 'strict-dynamic' lets those load the chunks they need. Styles: Tailwind is one stylesheet from
 * 'self', but the server renders `style` attributes (the brand colours as CSS variables in the layouts,
 * progress-bar widths), and a nonce or hash in style-src would switch 'unsafe-inline' off for those
 * attributes too; so style-src allows inline styles. That admits CSS, not script: React escapes every text
 * and attribute it renders, and scripts stay nonce-only. Images: brand logos and favicons may live on any
 * https host (lib/settings/branding.ts allows https:// URLs).
 */
export function buildContentSecurityPolicy({ nonce, isDev, isHttps }: CspOptions): string {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(nonce)) throw new Error("A CSP nonce must be base64.");
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(isDev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "blob:", "data:", "https:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(isHttps ? [["upgrade-insecure-requests"] as [string]] : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** 128 random bits, base64: a CSP nonce. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** Powerful browser features the app never uses, switched off for every page and any frame in it. */
export const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "encrypted-media",
  "geolocation",
  "gyroscope",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** One year, subdomains included; sent only over https, where browsers honour it. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/** The headers that do not depend on the request: every response, pages and route handlers alike. */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
  // For browsers without CSP frame-ancestors; the CSP says the same.
  { key: "X-Frame-Options", value: "DENY" },
];

/** Every security header of one response; the CSP only for pages (route handlers answer JSON or files). */
export function securityHeaders(options: { isHttps: boolean; csp?: string }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, value } of STATIC_SECURITY_HEADERS) out[key] = value;
  if (options.isHttps) out["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY;
  if (options.csp) out["Content-Security-Policy"] = options.csp;
  return out;
}
