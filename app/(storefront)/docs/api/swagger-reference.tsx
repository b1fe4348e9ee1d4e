"use client";
import { useEffect, useRef, useState } from "react";

const SPEC_URL = "/api/v1/openapi.json";

/**
 * Swagger UI (swagger-ui-dist) rendering /api/v1/openapi.json into a node React leaves alone. The bundle and
 * its CSS are loaded on demand, so only this page pays for them. Under the app's CSP it needs nothing extra:
 * its chunk is loaded by Next's nonce'd runtime ('strict-dynamic'), the document comes from 'self', its
 * inline styles and data: icons are allowed by style-src and img-src, and its `Function("return this")`
 * fallbacks never run in a browser (globalThis and self come first). The online validator badge is off, so
 * the page calls no third party.
 */
export function SwaggerReference() {
  const nodeRef = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "failed">("loading");

  useEffect(() => {
    const node = nodeRef.current;
    if (!node) return;
    // React's development double effect: the first run's import may resolve after its cleanup.
    let cancelled = false;
    import("./swagger-assets")
      .then(({ default: SwaggerUIBundle }) => {
        if (cancelled) return;
        SwaggerUIBundle({
          domNode: node,
          url: SPEC_URL,
          deepLinking: true,
          presets: [SwaggerUIBundle.presets.apis],
          layout: "BaseLayout",
          tryItOutEnabled: false,
          persistAuthorization: false,
          validatorUrl: null,
          queryConfigEnabled: false,
          docExpansion: "list",
          defaultModelsExpandDepth: 0,
          displayRequestDuration: true,
          onComplete: () => {
            if (!cancelled) setStatus("ready");
          },
        });
      })
      .catch(() => {
        if (!cancelled) setStatus("failed");
      });
    return () => {
      cancelled = true;
      node.replaceChildren();
    };
  }, []);

  return (
    <div className="min-w-0">
      {status === "loading" && (
        <div role="status" className="flex items-center gap-3 px-4 py-12 text-sm text-slate-600 sm:px-6">
          <span
            aria-hidden
            className="h-4 w-4 animate-spin rounded-full border-2 border-slate-400 border-t-transparent"
          />
          Loading the API reference…
        </div>
      )}
      {status === "failed" && (
        <p
          role="alert"
          className="mx-4 my-8 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200 sm:mx-6"
        >
          The API reference could not be loaded. Reload the page, or read the OpenAPI description itself at{" "}
          <a className="font-medium underline" href={SPEC_URL}>
            {SPEC_URL}
          </a>
          .
        </p>
      )}
      {/* Swagger UI owns everything inside this node; React renders no children into it. */}
      <div ref={nodeRef} className="max-w-full overflow-x-auto" />
    </div>
  );
}
