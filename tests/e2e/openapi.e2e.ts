/**
 * The published API contract against the production server: the document as served over HTTP, every one of its
 * examples replayed over HTTP with an API token and an Inbound API client created in the app, and the reference page
 * at phone width under the strict CSP.
 */
import { Ajv2020 } from "ajv/dist/2020";
import type { Browser } from "playwright-core";
import {
  API_OPERATIONS,
  type ApiExample,
  type ApiOperation,
  buildOpenApiDocument,
  EXAMPLE_IDS,
  exampleBody,
  examplePath,
} from "@/lib/openapi/document";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { baseUrl, closeAll, launchBrowser, scenario, screenshot, signIn } from "./browser";

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>>;
  components: { schemas: Record<string, object> };
};

let browser: Browser;
let apiToken = "";
let serviceId = "";
/** A resync request made in the app, for the resync examples (listed, claimed, then acknowledged). */
let resyncRequestId = "";
/** The Inbound API client issued in the app, and the bearer token its token example answers with. */
const inbound = { connectorId: "", clientId: "", clientSecret: "", accessToken: "" };
const pageProblems: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  await scenario(browser, "openapi token", async (page) => {
    await signIn(page, DEMO_USERS[0].email, DEMO_PASSWORD);
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto("/settings/api-tokens");
    await page.getByLabel("Token name").fill("OpenAPI replay");
    await page.getByRole("button", { name: "Create token" }).click();
    apiToken = (await page.getByTestId("new-token").locator("code").first().textContent()) ?? "";
    await page.goto("/services");
    serviceId = (await page.locator('input[name="serviceId"]').first().getAttribute("value")) ?? "";
    const href = await page
      .locator("tr", { has: page.locator(`input[name="serviceId"][value="${serviceId}"]`) })
      .locator('a[href^="/connectors/"]')
      .first()
      .getAttribute("href");
    // A failed run of that service, reported by the engine, and a resync of it asked for on its connector's summary.
    const externalId = `e2e-openapi-${Date.now().toString(36)}`;
    const engine = { authorization: `Bearer ${apiToken}`, "content-type": "application/json" };
    const stored = await fetch(`${baseUrl}/api/v1/sync-runs`, {
      method: "POST",
      headers: engine,
      body: JSON.stringify({
        runs: [
          { externalId, serviceId, startedAt: new Date().toISOString(), status: "failed", errorMessage: "HTTP 503" },
        ],
      }),
    });
    expect(stored.status).toBe(200);
    await page.goto(href ?? "/connectors");
    await page.getByRole("button", { name: `Resync sync ${externalId}`, exact: true }).click();
    await page.locator("#failed-syncs tr", { hasText: externalId }).getByText("Resync requested").waitFor();
    const pending = (await (
      await fetch(`${baseUrl}/api/v1/resync-requests?status=pending`, { headers: engine })
    ).json()) as { data: { id: string; run: { externalId: string } }[] };
    resyncRequestId = pending.data.find((r) => r.run.externalId === externalId)?.id ?? "";
  });
  // An Inbound API connector (none in the demo data), added in the wizard, and a client issued on its settings page.
  await scenario(browser, "openapi inbound client", async (page) => {
    await signIn(page, DEMO_USERS[0].email, DEMO_PASSWORD);
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto("/connectors/new");
    const wizard = page.getByRole("form", { name: "Add a connector" });
    await wizard.getByLabel("Search systems").fill("Inbound API");
    await wizard.locator("label", { hasText: "Inbound API" }).click();
    await wizard.getByRole("button", { name: "Next →" }).click();
    await wizard.getByLabel("Name", { exact: true }).fill("Orders in");
    await wizard.getByRole("button", { name: "Next →" }).click();
    await wizard.getByTestId("date-preview").getByText("Now in").waitFor();
    await wizard.getByRole("button", { name: "Next →" }).click();
    // Platform-managed: saved without a connection check; the client ID is issued after saving.
    await wizard.getByRole("button", { name: "Save connector" }).click();
    await page.waitForURL(/\/connectors\/[0-9a-f-]{36}\?created=1$/);
    inbound.connectorId = new URL(page.url()).pathname.split("/")[2];
    await page.goto(`/connectors/${inbound.connectorId}/settings`);
    await page.getByRole("button", { name: "Issue client ID and secret" }).click();
    inbound.clientId = (await page.getByTestId("issued-client-id").textContent()) ?? "";
    inbound.clientSecret = (await page.getByTestId("issued-client-secret").textContent()) ?? "";
  });
});
// The other browser tests share the server and expect the demo connectors only (secrets.e2e.ts counts them).
afterAll(async () => {
  try {
    if (inbound.connectorId)
      await scenario(browser, "openapi inbound client deletion", async (page) => {
        await signIn(page, DEMO_USERS[0].email, DEMO_PASSWORD);
        await page.waitForURL((url) => !url.pathname.startsWith("/login"));
        await page.goto(`/connectors/${inbound.connectorId}/settings`);
        await page.getByRole("button", { name: "Delete connector…" }).click();
        const confirm = page.getByRole("form", { name: "Confirm deletion" });
        await confirm.getByLabel(/Type/).fill("Orders in");
        await confirm.getByRole("button", { name: "Delete connector" }).click();
        await page.waitForURL(/\/connectors\?deleted=/);
      });
  } finally {
    await closeAll(browser);
  }
});

describe("GET /api/v1/openapi.json over HTTP", () => {
  it("is public, cacheable, JSON, and the document the code builds", async () => {
    const response = await fetch(`${baseUrl}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it("answers each documented example as documented", async () => {
    expect(apiToken).toMatch(/^pbk_/);
    expect(serviceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(resyncRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(inbound.connectorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(inbound.clientId).toMatch(/^pbc_/);
    expect(inbound.clientSecret).toMatch(/^pbs_/);
    const doc = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as Doc;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: "doc", components: doc.components }, "doc");
    const list = (await (
      await fetch(`${baseUrl}/api/v1/connectors?limit=1`, { headers: { authorization: `Bearer ${apiToken}` } })
    ).json()) as { data: { id: string }[] };
    const connectorId = list.data[0].id;

    /** The example with its placeholders replaced by the ids and the client created in the app. */
    const realise = (documented: ApiExample) =>
      JSON.parse(
        JSON.stringify(documented)
          .replaceAll(EXAMPLE_IDS.connectorId, connectorId)
          .replaceAll(EXAMPLE_IDS.serviceId, serviceId)
          .replaceAll(EXAMPLE_IDS.resyncRequestId, resyncRequestId)
          .replaceAll(EXAMPLE_IDS.clientId, inbound.clientId)
          .replaceAll(EXAMPLE_IDS.clientSecret, inbound.clientSecret),
      ) as ApiExample;
    /** The example sent over HTTP with the credential its operation asks for. */
    const send = (op: ApiOperation, example: ApiExample) => {
      const headers: Record<string, string> = {};
      if (example.request.contentType) headers["content-type"] = example.request.contentType;
      if (!example.request.anonymous && op.security === "apiToken") headers.authorization = `Bearer ${apiToken}`;
      if (!example.request.anonymous && op.security === "inboundToken")
        headers.authorization = `Bearer ${inbound.accessToken}`;
      return fetch(`${baseUrl}${examplePath(op, example)}`, {
        method: op.method.toUpperCase(),
        headers,
        body: exampleBody(example),
      });
    };

    // The bearer token the Inbound API examples need: the answer of the token example, with the client issued above.
    const tokenOp = API_OPERATIONS.find((o) => o.operationId === "issueInboundToken");
    if (!tokenOp) throw new Error("no token operation");
    const exchange = await send(tokenOp, realise(tokenOp.examples[0]));
    expect(exchange.status).toBe(200);
    inbound.accessToken = ((await exchange.json()) as { access_token: string }).access_token;
    expect(inbound.accessToken).toMatch(/^pbt_/);

    let replayed = 0;
    for (const op of API_OPERATIONS) {
      for (const documented of op.examples) {
        const example = realise(documented);
        const response = await send(op, example);
        const schema =
          doc.paths[op.path][op.method].responses[String(example.status)].content["application/json"].schema;
        const validate = ajv.compile(
          JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')) as object,
        );
        const body: unknown = await response.json();
        expect({
          example: `${op.operationId} ${example.name}`,
          status: response.status,
          valid: validate(body),
        }).toEqual({
          example: `${op.operationId} ${example.name}`,
          status: example.status,
          valid: true,
        });
        replayed += 1;
      }
    }
    expect(replayed).toBe(API_OPERATIONS.flatMap((op) => op.examples).length);
  });
});

describe("the API reference page", () => {
  it("renders every operation at 390 px without horizontal scrolling or a policy violation", async () => {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") pageProblems.push(m.text());
    });
    try {
      await signIn(page, DEMO_USERS[0].email, DEMO_PASSWORD);
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
      await page.goto("/settings/api-tokens");
      await page.getByRole("link", { name: "the API reference" }).click();
      await page.getByRole("heading", { level: 1, name: "API reference" }).waitFor();
      for (const op of API_OPERATIONS)
        expect(await page.getByRole("heading", { level: 2, name: op.summary }).isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(page, "api-reference-390");
      expect(pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
