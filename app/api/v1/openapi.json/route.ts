import { buildOpenApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of the API (lib/openapi/document): public, cacheable for five minutes. */
export function GET(): Response {
  return Response.json(buildOpenApiDocument(), {
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
