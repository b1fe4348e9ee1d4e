// Swagger UI and its stylesheet, one module so that both arrive in the chunk the reference page loads on
// demand (swagger-reference.tsx imports this dynamically): no other page downloads them.
import "swagger-ui-dist/swagger-ui.css";
import SwaggerUIBundle from "swagger-ui-dist/swagger-ui-bundle.js";

export default SwaggerUIBundle;
