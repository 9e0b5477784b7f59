import { z } from "zod";
import { isDatabaseUnavailable } from "@/db/errors";
import { DATABASE_UNAVAILABLE_MESSAGE, unavailableResponse } from "@/lib/database-faults";
import { AppError, HTTP_STATUS } from "@/lib/errors";
import { logError } from "@/lib/log";

/** An answer the API gives on purpose: status, a stable machine-readable code, a message for people, per-field details. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly fields?: Record<string, string[]>,
    /** Extra response headers (e.g. `connection: close` on a 413). */
    public readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** One message for missing, malformed, unknown and revoked tokens: a caller cannot probe which tokens exist. */
export const unauthenticated = () =>
  new ApiError(401, "unauthenticated", "A valid API token is required: send `Authorization: Bearer <token>`.");
export const apiNotFound = (what: string) => new ApiError(404, "not_found", `${what} was not found.`);

const NO_STORE = { "cache-control": "no-store" };

/** The body of every /api/v1 error (the OpenAPI document's `Error`; errorResponse is typed through it). */
export const apiErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe("Stable and machine-readable, e.g. `unauthenticated`, `validation_failed`."),
      message: z.string().describe("For people."),
      fields: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .describe("Per field (`runs[3].status`, `limit`): what is wrong with it. Only on 400 and 422."),
    }),
  })
  .meta({ id: "Error" });

export function errorResponse(error: ApiError): Response {
  const body: z.infer<typeof apiErrorBodySchema> = {
    error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
  };
  const headers: Record<string, string> = { ...NO_STORE, ...error.headers };
  if (error.status === 401) headers["www-authenticate"] = 'Bearer realm="patchbay"';
  return Response.json(body, { status: error.status, headers });
}

/**
 * Known errors keep their message; a database that cannot be reached is a 503 with Retry-After; anything else is
 * logged without its payload (describeError) and answered with a generic 500, so neither a stack trace nor a
 * statement or bound query parameter reaches the caller.
 */
export function toErrorResponse(error: unknown, context: string): Response {
  if (error instanceof ApiError) return errorResponse(error);
  if (error instanceof AppError) {
    return errorResponse(
      new ApiError(HTTP_STATUS[error.code], error.code.toLowerCase(), error.message, error.fieldErrors),
    );
  }
  logError(`api ${context}`, error);
  if (isDatabaseUnavailable(error))
    return unavailableResponse({ error: { code: "unavailable", message: DATABASE_UNAVAILABLE_MESSAGE } });
  return errorResponse(new ApiError(500, "internal", "Something went wrong on our side. Please retry later."));
}

export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

/** `["runs", 3, "status"]` -> `runs[3].status`, the way a JSON client names the field. */
export function fieldPath(path: PropertyKey[]): string {
  return (
    path.reduce<string>(
      (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
      "",
    ) || "body"
  );
}

export function zodFields(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[fieldPath(issue.path)] ??= []).push(issue.message);
  return fields;
}
