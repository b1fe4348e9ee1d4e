import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native or Node-only packages stay outside the server bundle.
  serverExternalPackages: [
    "@node-rs/argon2",
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "postgres",
    "pg-boss",
    "pdfkit",
    "nodemailer",
  ],
  poweredByHeader: false,
  // Browser console forwarding writes .next/dev/logs on every page load, which the dev watcher saw as a
  // change: every page kept refreshing itself. The browser's own console still has everything.
  logging: { browserToTerminal: false },
  typedRoutes: false,
  experimental: { authInterrupts: true },
};

export default nextConfig;
