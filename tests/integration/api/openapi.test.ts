import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { eq } from "drizzle-orm";
import { resyncRequests, syncRuns } from "@/db/schema";
import { ApiReference } from "@/components/settings/api-reference";
import { GET as openApiJson } from "@/app/api/v1/openapi.json/route";
import {
  API_OPERATIONS,
  type ApiExample,
  type ApiOperation,
  buildOpenApiDocument,
  EXAMPLE_IDS,
  exampleBody,
  exampleCurl,
  examplePath,
} from "@/lib/openapi/document";
import { createConnector } from "@/lib/connectors/create";
import { issueInboundClient } from "@/lib/inbound-api/clients";
import { requestResyncs } from "@/lib/resync/request";
import { ingestSyncRuns } from "@/lib/sync-ingest/ingest";
import { useTestDb } from "../../helpers/db";
import { type ApiOrg, makeApiOrg } from "./api-fixtures";

const db = useTestDb();
const ROOT = path.resolve(__dirname, "../../..");
const API_DIRS = ["app/api/v1", "app/api/inbound/v1"];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>>;
  components: { schemas: Record<string, object> };
};
const doc = buildOpenApiDocument() as unknown as Doc;

/** Every route file under the API folders, as an OpenAPI path (`[id]` -> `{id}`). */
function routeFiles(): { file: string; apiPath: string }[] {
  return API_DIRS.flatMap((dir) =>
    (readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
      .filter((f) => path.basename(f) === "route.ts")
      .map((f) => {
        const segments = path.dirname(f) === "." ? [] : path.dirname(f).split(path.sep);
        const apiPath = `/${[...dir.replace(/^app\//, "").split("/"), ...segments].join("/")}`.replace(
          /\[(\w+)\]/g,
          "{$1}",
        );
        return { file: path.join(ROOT, dir, f), apiPath };
      }),
  );
}

type Handler = (request: Request, args: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function handlersOf(file: string): Promise<Partial<Record<(typeof METHODS)[number], Handler>>> {
  return (await import(file)) as Partial<Record<(typeof METHODS)[number], Handler>>;
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", () => {
    const output = execFileSync(process.execPath, [path.join(ROOT, "scripts/openapi-validate.mjs")], {
      input: JSON.stringify(buildOpenApiDocument()),
      encoding: "utf8",
    });
    expect(JSON.parse(output)).toEqual({ valid: true, version: "3.1" });
  });

  it("describes every route file and each HTTP method it exports, and nothing else", async () => {
    const routes = routeFiles();
    expect(routes.length).toBeGreaterThanOrEqual(7);
    const exported: string[] = [];
    for (const { file, apiPath } of routes) {
      const mod = await handlersOf(file);
      for (const m of METHODS) if (mod[m]) exported.push(`${m.toLowerCase()} ${apiPath}`);
    }
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    expect(documented.sort()).toEqual(exported.sort());
  });

  it("has at least one success and one error example per operation, each valid against its schema", () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: "doc", components: doc.components }, "doc");
    for (const op of API_OPERATIONS) {
      expect(op.examples.some((e) => e.status < 300)).toBe(true);
      for (const e of op.examples) {
        const schema = doc.paths[op.path][op.method].responses[String(e.status)].content["application/json"].schema;
        const validate = ajv.compile(withDocRefs(schema));
        expect({ op: op.operationId, example: e.name, valid: validate(e.response), errors: validate.errors }).toEqual({
          op: op.operationId,
          example: e.name,
          valid: true,
          errors: null,
        });
      }
    }
  });

  it("is served public and cacheable at GET /api/v1/openapi.json", async () => {
    const response = openApiJson();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });
});

/** A response schema whose `#/components/...` references resolve against the document registered as "doc". */
const withDocRefs = (schema: object) =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')) as object;

describe("each documented example, replayed against the route handlers", () => {
  let org: ApiOrg;
  let secrets: { clientId: string; clientSecret: string; connectorId: string; accessToken: string };
  let resyncRequestId = "";
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  ajv.addSchema({ $id: "doc", components: doc.components }, "doc");

  beforeAll(async () => {
    org = await makeApiOrg(db());
    const { id } = await createConnector(db(), org.admin, {
      systemId: "inbound-api",
      authType: "platform",
      environment: "live",
      name: "Orders in",
      timeZone: "UTC",
      dateFormat: "yyyy-MM-dd HH:mm",
      saveOffline: false,
      credentials: {},
    });
    const { clientId, secret } = await issueInboundClient(db(), org.admin, { connectorId: id });
    secrets = { clientId, clientSecret: secret, connectorId: id, accessToken: "" };
    const tokenOp = API_OPERATIONS.find((o) => o.operationId === "issueInboundToken");
    if (!tokenOp) throw new Error("no token operation");
    const r = await replay(tokenOp, tokenOp.examples[0]);
    secrets.accessToken = ((await r.json()) as { access_token: string }).access_token;
    // A failed run with a resync request, for the resync examples (listed, claimed, then acknowledged).
    const failed = { externalId: "run-openapi-failed", serviceId: org.service.id, startedAt: new Date().toISOString() };
    await ingestSyncRuns(db(), { orgId: org.orgId, body: { runs: [{ ...failed, status: "failed" }] } });
    const [{ id: runId }] = await db()
      .select({ id: syncRuns.id })
      .from(syncRuns)
      .where(eq(syncRuns.externalId, failed.externalId));
    await requestResyncs(db(), org.admin, { runIds: [runId] });
    const [request] = await db()
      .select({ id: resyncRequests.id })
      .from(resyncRequests)
      .where(eq(resyncRequests.syncRunId, runId));
    resyncRequestId = request.id;
  });

  /** The example with its placeholders replaced by the ids of the data created above. */
  function realise(example: ApiExample): ApiExample {
    const text = JSON.stringify(example)
      .replaceAll(EXAMPLE_IDS.connectorId, org.source.id)
      .replaceAll(EXAMPLE_IDS.serviceId, org.service.id)
      .replaceAll(EXAMPLE_IDS.clientId, secrets.clientId)
      .replaceAll(EXAMPLE_IDS.clientSecret, secrets.clientSecret)
      .replaceAll(EXAMPLE_IDS.resyncRequestId, resyncRequestId);
    return JSON.parse(text) as ApiExample;
  }

  async function replay(op: ApiOperation, documented: ApiExample): Promise<Response> {
    const example = realise(documented);
    const route = routeFiles().find((r) => r.apiPath === op.path);
    if (!route) throw new Error(`no route file for ${op.path}`);
    const handler = (await handlersOf(route.file))[op.method.toUpperCase() as (typeof METHODS)[number]];
    if (!handler) throw new Error(`${op.path} exports no ${op.method}`);
    const headers = new Headers();
    if (example.request.contentType) headers.set("content-type", example.request.contentType);
    if (!example.request.anonymous && op.security === "apiToken") headers.set("authorization", `Bearer ${org.token}`);
    if (!example.request.anonymous && op.security === "inboundToken")
      headers.set("authorization", `Bearer ${secrets.accessToken}`);
    const request = new Request(`http://localhost${examplePath(op, example)}`, {
      method: op.method.toUpperCase(),
      headers,
      body: exampleBody(example),
    });
    return handler(request, { params: Promise.resolve(example.request.params ?? {}) });
  }

  const cases = API_OPERATIONS.flatMap((op) => op.examples.map((e) => [`${op.operationId} ${e.name}`, op, e] as const));
  it.each(cases)("%s: the documented status, a body valid against the documented schema", async (_name, op, e) => {
    const response = await replay(op, e);
    const body: unknown = await response.json();
    const schema = doc.paths[op.path][op.method].responses[String(e.status)].content["application/json"].schema;
    const validate = ajv.compile(withDocRefs(schema));
    expect({ status: response.status, valid: validate(body), errors: validate.errors }).toEqual({
      status: e.status,
      valid: true,
      errors: null,
    });
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  });
});

describe("the API reference page's content", () => {
  const html = renderToStaticMarkup(createElement(ApiReference));

  it("shows each operation with its method, path, fields and examples as curl commands", () => {
    for (const op of API_OPERATIONS) {
      expect(html).toContain(`id="${op.operationId}"`);
      expect(html).toContain(`>${op.summary}</h2>`);
      expect(html).toContain(`${op.method}</span>${op.path}`);
      for (const e of op.examples) expect(html).toContain(escapeHtml(exampleCurl(op, e)));
    }
    expect(html).toContain('<th scope="row" class="px-3 py-2 font-mono text-xs font-normal">runs[].status</th>');
    expect(html).toContain("One of: &quot;ok&quot;, &quot;sent&quot;, &quot;pending&quot;, &quot;failed&quot;.");
    expect(html).toContain("limit (query)");
  });

  it("keeps headings in order and gives every table a caption and column headers", () => {
    const levels = [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(2); // under the page's h1
    levels.forEach((level, i) => {
      if (i > 0) expect(level - levels[i - 1]).toBeLessThanOrEqual(1);
    });
    const tables = html.split("<table").slice(1);
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) {
      expect(table).toMatch(/^[^>]*>\s*<caption/);
      expect(table).toContain('<th scope="col"');
    }
    expect(html).not.toMatch(/<script|<link|<style/);
  });
});

const escapeHtml = (s: string) =>
  s
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#x27;");
