// swagger-ui-dist ships no types; only what the API reference page uses.
declare module "swagger-ui-dist/swagger-ui-bundle.js" {
  type SwaggerUIOptions = {
    domNode: HTMLElement;
    url: string;
    deepLinking?: boolean;
    presets?: unknown[];
    layout?: string;
    tryItOutEnabled?: boolean;
    persistAuthorization?: boolean;
    validatorUrl?: string | null;
    queryConfigEnabled?: boolean;
    docExpansion?: "list" | "full" | "none";
    defaultModelsExpandDepth?: number;
    displayRequestDuration?: boolean;
    onComplete?: () => void;
  };
  type SwaggerUIBundle = ((options: SwaggerUIOptions) => unknown) & { presets: { apis: unknown } };
  const SwaggerUIBundle: SwaggerUIBundle;
  export default SwaggerUIBundle;
}
