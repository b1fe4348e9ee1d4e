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
  // In dev, Next writes browser console output to .next/dev/logs (for its MCP server and the terminal); the
  // dev watcher took each write for a change and the open page refreshed itself in a loop. Both are off; the
  // browser's own console still has everything.
  logging: { browserToTerminal: false },
  typedRoutes: false,
  experimental: { authInterrupts: true, mcpServer: false },
};

export default nextConfig;
