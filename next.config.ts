import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Native or Node-only packages stay outside the server bundle.
  serverExternalPackages: [
    "@node-rs/argon2",
    "@electric-sql/pglite",
    "postgres",
    "pg-boss",
    "pdfkit",
    "nodemailer",
    // rate-limiter-flexible imports drizzle-orm at run time with a computed name, which a bundle cannot
    // resolve; both load from node_modules, so the limiter and the app share one drizzle-orm.
    "rate-limiter-flexible",
    "drizzle-orm",
  ],
  poweredByHeader: false,
  // CI type-checks the whole project (`npm run typecheck`) before the tests build the app: it sets this so the
  // build does not check the same files a second time (two minutes of a 2-core CI run). Every other build checks.
  typescript: { ignoreBuildErrors: process.env.TIERLINE_TYPECHECKED === "1" },
  // In dev, Next writes browser console output to .next/dev/logs (for its MCP server and the terminal); the
  // dev watcher took each write for a change and the open page refreshed itself in a loop. Both are off; the
  // browser's own console still has everything.
  logging: { browserToTerminal: false },
  typedRoutes: false,
  experimental: {
    authInterrupts: true,
    mcpServer: false,
    // Next's default, stated because proxy.ts answers 413 at the same size (lib/http/body-limit.ts): beyond
    // it Next itself fails a fetch action with a 500.
    serverActions: { bodySizeLimit: "1mb" },
  },
  // Everything, files in public/ included; proxy.ts adds the CSP (with its nonce) and HSTS per request.
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
