/**
 * Tierline's web server: Next.js (dev or the production build) behind a plain Node HTTP server, so every
 * request carries the client's address as the server itself determined it (socket peer and the configured
 * number of trusted proxies, see client-address.mjs) in one header the browser cannot set: whatever a client
 * sends under that name is overwritten. Started by scripts/run.ts with the environment it prepared.
 *
 * argv: dev | start. Env: PORT (default 3000), HOSTNAME (default all interfaces), TRUSTED_PROXIES.
 */
import { createServer } from "node:http";
import next from "next";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "./client-address.mjs";

const dev = process.argv[2] === "dev";
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME || undefined;
const trustedProxies = Number(process.env.TRUSTED_PROXIES ?? 0);
const STOREFRONT_FAST_PATH = Symbol.for("tierline.storefront-fast-path");

const server = createServer();
const app = next({ dev, port, hostname: hostname ?? "localhost", httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();

/** Headers only a proxy may write: with no trusted proxy in front, whatever a client sent under them is forged. */
const PROXY_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
];

server.on("request", (req, res) => {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(
    req.socket.remoteAddress,
    req.headers["x-forwarded-for"],
    trustedProxies,
  );
  // Next derives the request's host and scheme (and checks a server action's Origin against them) from
  // these; without a trusted proxy they come from the socket and Host instead.
  if (trustedProxies === 0) for (const name of PROXY_HEADERS) delete req.headers[name];
  // A storefront page kept fresh in this process is answered without Next (app/(storefront)/
  // storefront-cached/fast-path.ts registers the function once the cache route has run; null means "Next").
  const fast = globalThis[STOREFRONT_FAST_PATH];
  const answer = fast && !dev ? fast(req.method ?? "GET", req.url ?? "/", req.headers) : null;
  if (answer) {
    res.writeHead(answer.status, answer.headers);
    res.end(req.method === "HEAD" ? undefined : answer.body);
    return;
  }
  handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(
    `[web] ${dev ? "development" : "production"} server on http://${hostname ?? "localhost"}:${port}`,
  );
});

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
