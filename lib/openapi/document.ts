import { z } from "zod";
import { CONNECTOR_STATUSES } from "@/db/schema";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-faults";
import { MAX_TOKEN_BODY_BYTES, tokenRequestSchema } from "@/lib/inbound-api/token-request";
import {
  CLIENT_ID_PATTERN,
  clientStatusSchema,
  oauthErrorSchema,
  pingResponseSchema,
  tokenResponseSchema,
} from "@/lib/inbound-api/schemas";
import { TOKEN_TTL_S } from "@/lib/inbound-api/clients";
import { ingestResultSchema, MAX_BODY_BYTES, syncRunBatchSchema } from "@/lib/sync-ingest/schema";
import { connectorPageSchema, oneConnectorSchema, pageQuerySchema } from "@/lib/api/connectors";
import { apiErrorBodySchema } from "@/lib/api/errors";
import {
  ackBodySchema,
  ackPathSchema,
  claimBodySchema,
  engineRequestListSchema,
  listQuerySchema,
  oneEngineRequestSchema,
} from "@/lib/resync/schemas";

/**
 * The OpenAPI 3.1 document of /api/v1 and the Inbound API, built from the zod schemas the routes validate with and
 * answer through (zod's JSON Schema output, draft 2020-12, which OpenAPI 3.1 uses). Each operation carries examples
 * that the tests replay against the route handlers, so a documented example that stops working fails CI.
 */

/** Placeholders in the examples; the tests replace them with ids of data they create. */
export const EXAMPLE_IDS = {
  connectorId: "5b0f6c1e-3d2a-4c8e-9f10-2a7b3c4d5e6f",
  unknownConnectorId: "00b1c2d3-e4f5-4a6b-8c7d-8e9fa0b1c2d3",
  serviceId: "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5",
  clientId: "pbc_AbCdEfGhIjKlMnOp",
  clientSecret: "pbs_your-client-secret",
  resyncRequestId: "3c9d2e1f-7a6b-4c5d-9e8f-0a1b2c3d4e5f",
  unknownResyncRequestId: "0f1e2d3c-4b5a-4968-8776-655443322110",
} as const;

type Security = "apiToken" | "inboundClient" | "inboundToken" | "public";
type Method = "get" | "post";

export type ApiExample = {
  name: string;
  summary: string;
  request: {
    params?: Record<string, string>;
    query?: Record<string, string | number>;
    /** A JSON body, or a form when contentType is application/x-www-form-urlencoded. */
    body?: unknown;
    contentType?: string;
    /** Leave out the credentials the operation's security asks for (to show the 401). */
    anonymous?: boolean;
  };
  status: number;
  response: unknown;
};

type ResponseSpec = { description: string; schema: z.ZodType };
export type ApiOperation = {
  method: Method;
  path: string;
  operationId: string;
  tag: "Sync engine API" | "Inbound API" | "Contract";
  summary: string;
  description: string;
  security: Security;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; contentTypes: string[]; description: string };
  responses: Record<number, ResponseSpec>;
  examples: ApiExample[];
};

const errorBody = (code: string, message: string, fields?: Record<string, string[]>) => ({
  error: { code, message, ...(fields ? { fields } : {}) },
});
const UNAUTHENTICATED = errorBody(
  "unauthenticated",
  "A valid API token is required: send `Authorization: Bearer <token>`.",
);
const totals = { total: 2, ok: 1, sent: 0, pending: 0, failed: 1, pulled: 7, pushed: 4 };
const exampleConnector = {
  id: EXAMPLE_IDS.connectorId,
  name: "Alpha source",
  system: "sandbox",
  environment: "live",
  status: CONNECTOR_STATUSES[1],
  statusSince: "2026-03-01T08:00:00.000Z",
  lastCheckedAt: "2026-03-01T09:10:00.000Z",
  reason: null,
  message: null,
  hint: null,
  totals: { last24h: totals, last7d: { ...totals, total: 3, sent: 1, pulled: 14, pushed: 11 } },
};
const exampleRun = {
  externalId: "run-8812",
  serviceId: EXAMPLE_IDS.serviceId,
  startedAt: "2026-03-01T09:12:00Z",
  finishedAt: "2026-03-01T09:12:41Z",
  status: "failed",
  pulled: 120,
  pushed: 0,
  errorMessage: "HTTP 503",
  references: ["SO-1001", "SKU-778"],
};
const exampleResyncRequest = {
  id: EXAMPLE_IDS.resyncRequestId,
  status: "claimed",
  requestedAt: "2026-03-01T09:14:00.000Z",
  requestedBy: "Ada Lovelace",
  claimedBy: "engine-1",
  leaseUntil: "2026-03-01T09:20:00.000Z",
  acknowledgedAt: null,
  run: {
    externalId: "run-8812",
    serviceId: EXAMPLE_IDS.serviceId,
    startedAt: "2026-03-01T09:12:00.000Z",
    status: "failed",
  },
};

const apiErrors = {
  401: {
    description: "Missing, malformed, unknown or revoked token (one answer for all).",
    schema: apiErrorBodySchema,
  },
  503: {
    description: `The database is unavailable (\`unavailable\`: "${DATABASE_UNAVAILABLE_MESSAGE}"); retry after \`Retry-After\` seconds.`,
    schema: apiErrorBodySchema,
  },
} satisfies Record<number, ResponseSpec>;
const unauthenticatedExample = (params?: Record<string, string>): ApiExample => ({
  name: "noToken",
  summary: "Without a token",
  request: { params, anonymous: true },
  status: 401,
  response: UNAUTHENTICATED,
});

const connectorPath = z.object({ id: z.uuid().describe("The connector's id.") });
const clientPath = z.object({
  clientId: z.string().regex(CLIENT_ID_PATTERN).describe("The public client id (`pbc_…`)."),
});
/** The document's own shape, as far as a client relies on it. */
const documentSchema = z
  .looseObject({ openapi: z.literal("3.1.0"), info: z.looseObject({ title: z.string(), version: z.string() }) })
  .meta({ id: "OpenApiDocument" });

export const API_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/connectors",
    operationId: "listConnectors",
    tag: "Sync engine API",
    summary: "List connectors",
    description:
      "The organisation's connectors with health and sync totals, by name. Pass `nextCursor` back as `cursor` until it is null.",
    security: "apiToken",
    query: pageQuerySchema,
    responses: {
      200: { description: "A page of connectors.", schema: connectorPageSchema },
      400: { description: "A query parameter is not valid (named in `fields`).", schema: apiErrorBodySchema },
      ...apiErrors,
    },
    examples: [
      {
        name: "firstPage",
        summary: "The first page",
        request: { query: { limit: 1 } },
        status: 200,
        response: { data: [exampleConnector], nextCursor: "eyJrIjoiYWxwaGEgc291cmNlIn0" },
      },
      {
        name: "badLimit",
        summary: "A limit out of range",
        request: { query: { limit: 0 } },
        status: 400,
        response: errorBody("invalid_request", "The query is not valid.", { limit: ["Use at least 1."] }),
      },
      unauthenticatedExample(),
    ],
  },
  {
    method: "get",
    path: "/api/v1/connectors/{id}",
    operationId: "getConnector",
    tag: "Sync engine API",
    summary: "Get a connector",
    description: "One connector's health and sync totals. Another organisation's id, or a malformed one, is a 404.",
    security: "apiToken",
    pathParams: connectorPath,
    responses: {
      200: { description: "The connector.", schema: oneConnectorSchema },
      404: { description: "Not a connector of the token's organisation.", schema: apiErrorBodySchema },
      ...apiErrors,
    },
    examples: [
      {
        name: "found",
        summary: "A connector of the organisation",
        request: { params: { id: EXAMPLE_IDS.connectorId } },
        status: 200,
        response: { data: exampleConnector },
      },
      {
        name: "notFound",
        summary: "An unknown id",
        request: { params: { id: EXAMPLE_IDS.unknownConnectorId } },
        status: 404,
        response: errorBody("not_found", "Connector was not found."),
      },
      unauthenticatedExample({ id: EXAMPLE_IDS.connectorId }),
    ],
  },
  {
    method: "post",
    path: "/api/v1/sync-runs",
    operationId: "ingestSyncRuns",
    tag: "Sync engine API",
    summary: "Report sync runs",
    description:
      "Stores a batch of up to 1,000 runs, all or none: one invalid row is a 422 naming each bad row by index and field, and nothing is stored. Idempotent by external id per organisation: the latest report of a run wins.",
    security: "apiToken",
    body: {
      schema: syncRunBatchSchema,
      contentTypes: ["application/json"],
      description: `A batch of runs, at most ${MAX_BODY_BYTES} bytes.`,
    },
    responses: {
      200: { description: "The batch was stored.", schema: ingestResultSchema },
      400: { description: "The body is empty or not valid JSON.", schema: apiErrorBodySchema },
      401: apiErrors[401],
      409: {
        description: "A service of the batch was deleted while it was stored; nothing was written. Retry.",
        schema: apiErrorBodySchema,
      },
      413: { description: `The body is over ${MAX_BODY_BYTES} bytes: split the batch.`, schema: apiErrorBodySchema },
      415: { description: "The body is not sent as `application/json`.", schema: apiErrorBodySchema },
      422: {
        description: "The batch was not stored: each invalid row is named in `fields` (`runs[i].field`).",
        schema: apiErrorBodySchema,
      },
      503: apiErrors[503],
    },
    examples: [
      {
        name: "batch",
        summary: "A batch of one run",
        request: { body: { runs: [exampleRun] }, contentType: "application/json" },
        status: 200,
        response: { received: 1, inserted: 1, updated: 0, unchanged: 0 },
      },
      {
        name: "invalidRow",
        summary: "A row with an unknown status",
        request: { body: { runs: [{ ...exampleRun, status: "done" }] }, contentType: "application/json" },
        status: 422,
        response: errorBody(
          "validation_failed",
          "The batch was not stored: correct the runs listed in `fields` and send the whole batch again.",
          { "runs[0].status": ["Use one of: ok, sent, pending, failed."] },
        ),
      },
      {
        name: "notJson",
        summary: "A body that is not JSON",
        request: { body: "runs=1", contentType: "text/plain" },
        status: 415,
        response: errorBody("unsupported_media_type", "Send the body as JSON with `Content-Type: application/json`."),
      },
      { ...unauthenticatedExample(), request: { body: { runs: [exampleRun] }, anonymous: true } },
    ],
  },
  {
    method: "get",
    path: "/api/v1/resync-requests",
    operationId: "listResyncRequests",
    tag: "Sync engine API",
    summary: "List resync requests",
    description:
      "Resyncs people asked for in Patchbay, oldest first. `pending`: not claimed (or its lease ran out unacknowledged) and not expired (a request not picked up within 24 hours expires). Claim them before running them, so two workers never run the same one.",
    security: "apiToken",
    query: listQuerySchema,
    responses: {
      200: { description: "The requests.", schema: engineRequestListSchema },
      400: { description: "A query parameter is not valid (named in `fields`).", schema: apiErrorBodySchema },
      ...apiErrors,
    },
    examples: [
      {
        name: "pending",
        summary: "Pending requests",
        request: { query: { status: "pending" } },
        status: 200,
        response: { data: [{ ...exampleResyncRequest, status: "pending", claimedBy: null, leaseUntil: null }] },
      },
      {
        name: "badStatus",
        summary: "An unknown status",
        request: { query: { status: "done" } },
        status: 400,
        response: errorBody("invalid_request", "The query is not valid.", { status: ["Use `pending` or `claimed`."] }),
      },
      unauthenticatedExample(),
    ],
  },
  {
    method: "post",
    path: "/api/v1/resync-requests/claim",
    operationId: "claimResyncRequests",
    tag: "Sync engine API",
    summary: "Claim resync requests",
    description:
      "Leases up to `limit` pending requests to the worker for `leaseSeconds` (FOR UPDATE SKIP LOCKED: workers claiming at once get disjoint sets). Acknowledge each when the worker starts it; a lease that runs out unacknowledged makes the request claimable again. Then report the new run with `resyncOf` set to the failed run's externalId.",
    security: "apiToken",
    body: {
      schema: claimBodySchema,
      contentTypes: ["application/json"],
      description: "How many, for how long, and which worker.",
    },
    responses: {
      200: { description: "The leased requests (possibly none).", schema: engineRequestListSchema },
      400: { description: "The body is empty or not valid JSON.", schema: apiErrorBodySchema },
      401: apiErrors[401],
      415: { description: "The body is not sent as `application/json`.", schema: apiErrorBodySchema },
      422: { description: "A field is not valid (named in `fields`).", schema: apiErrorBodySchema },
      503: apiErrors[503],
    },
    examples: [
      {
        name: "claim",
        summary: "Lease up to 10 for 5 minutes",
        request: {
          body: { limit: 10, leaseSeconds: 300, workerId: "engine-1" },
          contentType: "application/json",
        },
        status: 200,
        response: { data: [exampleResyncRequest] },
      },
      {
        name: "noWorker",
        summary: "Without a worker id",
        request: { body: { limit: 10 }, contentType: "application/json" },
        status: 422,
        response: errorBody("validation_failed", "The request was not valid: see `fields`.", {
          workerId: ["Use a text id of the worker."],
        }),
      },
      { ...unauthenticatedExample(), request: { body: { workerId: "engine-1" }, anonymous: true } },
    ],
  },
  {
    method: "post",
    path: "/api/v1/resync-requests/{id}/ack",
    operationId: "acknowledgeResyncRequest",
    tag: "Sync engine API",
    summary: "Acknowledge a resync request",
    description:
      "The worker started the resync: Patchbay shows it as picked up, and the request no longer expires or returns to the queue. The body is optional. 409 when the request is completed or expired.",
    security: "apiToken",
    pathParams: ackPathSchema,
    body: {
      schema: ackBodySchema,
      contentTypes: ["application/json"],
      description: "Optional: the worker's id.",
    },
    responses: {
      200: { description: "The request, picked up.", schema: oneEngineRequestSchema },
      404: { description: "Not a request of the token's organisation.", schema: apiErrorBodySchema },
      409: { description: "The request is completed or expired.", schema: apiErrorBodySchema },
      401: apiErrors[401],
      422: { description: "A field is not valid (named in `fields`).", schema: apiErrorBodySchema },
      503: apiErrors[503],
    },
    examples: [
      {
        name: "ack",
        summary: "Picked up",
        request: {
          params: { id: EXAMPLE_IDS.resyncRequestId },
          body: { workerId: "engine-1" },
          contentType: "application/json",
        },
        status: 200,
        response: { data: { ...exampleResyncRequest, acknowledgedAt: "2026-03-01T09:15:02.000Z" } },
      },
      {
        name: "notFound",
        summary: "An unknown id",
        request: { params: { id: EXAMPLE_IDS.unknownResyncRequestId } },
        status: 404,
        response: errorBody("not_found", "Resync request was not found."),
      },
      unauthenticatedExample({ id: EXAMPLE_IDS.resyncRequestId }),
    ],
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    tag: "Contract",
    summary: "This document",
    description: "The OpenAPI 3.1 document of the API. Public, cacheable for 5 minutes.",
    security: "public",
    responses: { 200: { description: "The document.", schema: documentSchema } },
    examples: [
      {
        name: "document",
        summary: "The document",
        request: {},
        status: 200,
        response: { openapi: "3.1.0", info: { title: "Patchbay API", version: "1" } },
      },
    ],
  },
  {
    method: "post",
    path: "/api/inbound/v1/token",
    operationId: "issueInboundToken",
    tag: "Inbound API",
    summary: "Exchange client credentials for a token",
    description: `OAuth 2.0 client credentials (RFC 6749 §4.4): the client id and secret in HTTP Basic, or as \`client_id\`/\`client_secret\` in a form or JSON body (at most ${MAX_TOKEN_BODY_BYTES} bytes). Answers a bearer token valid for ${TOKEN_TTL_S / 3600} hours. Errors use the OAuth shape \`{ error, error_description }\`.`,
    security: "inboundClient",
    body: {
      schema: tokenRequestSchema,
      contentTypes: ["application/x-www-form-urlencoded", "application/json"],
      description: "The grant and, unless sent in HTTP Basic, the client credentials.",
    },
    responses: {
      200: { description: "A bearer token.", schema: tokenResponseSchema },
      400: {
        description: "`invalid_request` (a field that is not text, a malformed body) or `unsupported_grant_type`.",
        schema: oauthErrorSchema,
      },
      401: { description: "`invalid_client`: the client id or secret is not valid.", schema: oauthErrorSchema },
      413: { description: `The body is over ${MAX_TOKEN_BODY_BYTES} bytes.`, schema: oauthErrorSchema },
      503: { description: "`temporarily_unavailable`: retry after `Retry-After` seconds.", schema: oauthErrorSchema },
    },
    examples: [
      {
        name: "form",
        summary: "Credentials in a form",
        request: {
          contentType: "application/x-www-form-urlencoded",
          body: {
            grant_type: "client_credentials",
            client_id: EXAMPLE_IDS.clientId,
            client_secret: EXAMPLE_IDS.clientSecret,
          },
          anonymous: true,
        },
        status: 200,
        response: {
          access_token: "pbt_eyJjaWQiOiJwYmNfIn0.c2lnbmF0dXJl",
          token_type: "Bearer",
          expires_in: TOKEN_TTL_S,
        },
      },
      {
        name: "json",
        summary: "Credentials in JSON",
        request: {
          contentType: "application/json",
          body: { client_id: EXAMPLE_IDS.clientId, client_secret: EXAMPLE_IDS.clientSecret },
          anonymous: true,
        },
        status: 200,
        response: {
          access_token: "pbt_eyJjaWQiOiJwYmNfIn0.c2lnbmF0dXJl",
          token_type: "Bearer",
          expires_in: TOKEN_TTL_S,
        },
      },
      {
        name: "wrongSecret",
        summary: "A wrong secret",
        request: {
          contentType: "application/x-www-form-urlencoded",
          body: { grant_type: "client_credentials", client_id: EXAMPLE_IDS.clientId, client_secret: "pbs_wrong" },
          anonymous: true,
        },
        status: 401,
        response: { error: "invalid_client", error_description: "The client id or secret is not valid." },
      },
      {
        name: "wrongGrant",
        summary: "Another grant type",
        request: {
          contentType: "application/x-www-form-urlencoded",
          body: { grant_type: "password", client_id: EXAMPLE_IDS.clientId, client_secret: EXAMPLE_IDS.clientSecret },
          anonymous: true,
        },
        status: 400,
        response: { error: "unsupported_grant_type", error_description: "Use grant_type=client_credentials." },
      },
    ],
  },
  {
    method: "get",
    path: "/api/inbound/v1/ping",
    operationId: "pingInbound",
    tag: "Inbound API",
    summary: "Test a token",
    description: "200 with the connector the token belongs to; 401 when it is missing, expired or its client revoked.",
    security: "inboundToken",
    responses: {
      200: { description: "The token is usable.", schema: pingResponseSchema },
      401: { description: "`invalid_token`.", schema: oauthErrorSchema },
      503: { description: "`temporarily_unavailable`: retry after `Retry-After` seconds.", schema: oauthErrorSchema },
    },
    examples: [
      {
        name: "usable",
        summary: "A usable token",
        request: {},
        status: 200,
        response: { ok: true, connectorId: EXAMPLE_IDS.connectorId, clientId: EXAMPLE_IDS.clientId },
      },
      {
        name: "noToken",
        summary: "Without a token",
        request: { anonymous: true },
        status: 401,
        response: { error: "invalid_token" },
      },
    ],
  },
  {
    method: "get",
    path: "/api/inbound/v1/clients/{clientId}",
    operationId: "getInboundClientStatus",
    tag: "Inbound API",
    summary: "Is a client id active?",
    description: "What an Inbound API connector's status check asks: does this public client id have a usable client?",
    security: "public",
    pathParams: clientPath,
    responses: {
      200: { description: "The client is active.", schema: clientStatusSchema },
      404: { description: "No active client has this id.", schema: clientStatusSchema },
      503: { description: "`temporarily_unavailable`: retry after `Retry-After` seconds.", schema: oauthErrorSchema },
    },
    examples: [
      {
        name: "active",
        summary: "An active client",
        request: { params: { clientId: EXAMPLE_IDS.clientId } },
        status: 200,
        response: { active: true },
      },
      {
        name: "unknown",
        summary: "An unknown or revoked client",
        request: { params: { clientId: "pbc_0000000000000000" } },
        status: 404,
        response: { active: false },
      },
    ],
  },
];

type JsonSchema = Record<string, unknown>;

/**
 * zod -> JSON Schema (draft 2020-12) with named schemas (`.meta({ id })`) moved to `components.schemas` and the
 * references rewritten to point there. `io: "input"` for what clients send (a default makes a field optional); the
 * input form of a named schema is named `<id>Input`, as it can differ from the output form.
 */
function toSchema(schema: z.ZodType, io: "input" | "output", components: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  const { $defs, ...root } = json;
  delete root.$schema; // the document's jsonSchemaDialect says it once
  const named = (id: string) => (io === "input" ? `${id}Input` : id);
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!value || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")
          ? `#/components/schemas/${named(v.slice("#/$defs/".length))}`
          : rewrite(v),
      ]),
    );
  };
  for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>))
    components[named(id)] = rewrite(def) as JsonSchema;
  return rewrite(root) as JsonSchema;
}

const SECURITY: Record<Security, Record<string, string[]>[]> = {
  apiToken: [{ apiToken: [] }],
  inboundClient: [{ inboundClientBasic: [] }, {}],
  inboundToken: [{ inboundOAuth: [] }],
  public: [],
};

/** The path of an example request, with its parameters and query filled in. */
export function examplePath(op: ApiOperation, example: ApiExample): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(example.request.params?.[name] ?? ""),
  );
  const query = new URLSearchParams(
    Object.entries(example.request.query ?? {}).map(([k, v]) => [k, String(v)]),
  ).toString();
  return query ? `${path}?${query}` : path;
}

/** The body of an example request as sent. */
export function exampleBody(example: ApiExample): string | undefined {
  const { body, contentType } = example.request;
  if (body === undefined) return undefined;
  if (typeof body === "string") return body;
  if (contentType === "application/x-www-form-urlencoded")
    return new URLSearchParams(body as Record<string, string>).toString();
  return JSON.stringify(body);
}

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** The example as a curl command (`$PATCHBAY` the app's URL; tokens in `$PATCHBAY_TOKEN`, `$INBOUND_TOKEN`). */
export function exampleCurl(op: ApiOperation, example: ApiExample): string {
  const lines = [
    `curl -sS${op.method === "get" ? "" : ` -X ${op.method.toUpperCase()}`} "$PATCHBAY${examplePath(op, example)}"`,
  ];
  if (!example.request.anonymous) {
    if (op.security === "apiToken") lines.push(`-H "Authorization: Bearer $PATCHBAY_TOKEN"`);
    if (op.security === "inboundToken") lines.push(`-H "Authorization: Bearer $INBOUND_TOKEN"`);
  }
  if (example.request.contentType) lines.push(`-H "Content-Type: ${example.request.contentType}"`);
  const body = exampleBody(example);
  if (body !== undefined) lines.push(`--data ${shellQuote(body)}`);
  return lines.join(" \\\n  ");
}

function parametersOf(op: ApiOperation, components: Record<string, JsonSchema>) {
  const params: JsonSchema[] = [];
  for (const [where, schema] of [
    ["path", op.pathParams],
    ["query", op.query],
  ] as const) {
    if (!schema) continue;
    const json = toSchema(schema, "input", components) as {
      properties: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, prop] of Object.entries(json.properties)) {
      const { description, ...rest } = prop;
      const examples = Object.fromEntries(
        op.examples
          .filter((e) => (where === "path" ? e.request.params : e.request.query)?.[name] !== undefined)
          .map((e) => [e.name, { value: (where === "path" ? e.request.params : e.request.query)?.[name] }]),
      );
      params.push({
        name,
        in: where,
        required: where === "path" || (json.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
        ...(Object.keys(examples).length ? { examples } : {}),
      });
    }
  }
  return params;
}

const RESPONSE_HEADERS: Partial<Record<string, JsonSchema>> = {
  401: { "WWW-Authenticate": { description: "The scheme to authenticate with.", schema: { type: "string" } } },
  413: { Connection: { description: "`close`: the rest of the upload is not read.", schema: { type: "string" } } },
  503: { "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } } },
};

function operationObject(op: ApiOperation, components: Record<string, JsonSchema>) {
  const responses: JsonSchema = {};
  for (const [status, spec] of Object.entries(op.responses)) {
    const examples = Object.fromEntries(
      op.examples
        .filter((e) => e.status === Number(status))
        .map((e) => [e.name, { summary: e.summary, value: e.response }]),
    );
    responses[status] = {
      description: spec.description,
      ...(RESPONSE_HEADERS[status] ? { headers: RESPONSE_HEADERS[status] } : {}),
      content: {
        "application/json": {
          schema: toSchema(spec.schema, "output", components),
          ...(Object.keys(examples).length ? { examples } : {}),
        },
      },
    };
  }
  const body = op.body;
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: op.description,
    security: SECURITY[op.security],
    ...(op.pathParams || op.query ? { parameters: parametersOf(op, components) } : {}),
    ...(body
      ? {
          requestBody: {
            required: true,
            description: body.description,
            content: Object.fromEntries(
              body.contentTypes.map((type) => {
                const examples = Object.fromEntries(
                  op.examples
                    .filter((e) => e.request.contentType === type && e.request.body !== undefined)
                    .map((e) => [e.name, { summary: e.summary, value: e.request.body }]),
                );
                return [
                  type,
                  {
                    schema: toSchema(body.schema, "input", components),
                    ...(Object.keys(examples).length ? { examples } : {}),
                  },
                ];
              }),
            ),
          },
        }
      : {}),
    responses,
    "x-codeSamples": op.examples.map((e) => ({ lang: "Shell", label: e.summary, source: exampleCurl(op, e) })),
  };
}

/** The OpenAPI 3.1 document. Built once per process: it depends on code only. */
export const buildOpenApiDocument = (() => {
  let cached: JsonSchema | undefined;
  return (): JsonSchema => {
    if (cached) return cached;
    const components: Record<string, JsonSchema> = {};
    const paths: Record<string, Record<string, unknown>> = {};
    for (const op of API_OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op, components);
    cached = {
      openapi: "3.1.0",
      jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
      info: {
        title: "Patchbay API",
        version: "1",
        description:
          "The sync engine API (`/api/v1`, organisation API tokens) and the Inbound API (`/api/inbound/v1`, OAuth 2.0 client credentials). Generated from the zod schemas the routes validate with.",
      },
      tags: [
        {
          name: "Sync engine API",
          description: "Report sync runs, read connector health and take resync requests with an API token.",
        },
        { name: "Inbound API", description: "For systems that send data to Patchbay: client credentials -> bearer." },
        { name: "Contract", description: "This document." },
      ],
      paths,
      components: {
        schemas: components,
        securitySchemes: {
          apiToken: {
            type: "http",
            scheme: "bearer",
            description: "An organisation API token (`pbk_…`), created under Settings → API tokens.",
          },
          inboundClientBasic: {
            type: "http",
            scheme: "basic",
            description: "The Inbound API client id and secret, for the token endpoint (or send them in the body).",
          },
          inboundOAuth: {
            type: "oauth2",
            description: "A 24-hour bearer token (`pbt_…`) from the token endpoint.",
            flows: { clientCredentials: { tokenUrl: "/api/inbound/v1/token", scopes: {} } },
          },
        },
      },
    };
    return cached;
  };
})();
