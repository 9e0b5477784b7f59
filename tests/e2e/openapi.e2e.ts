/**
 * The published API contract against the production server: the document as served over HTTP, its examples replayed
 * over HTTP with a token created in the app, and the reference page at phone width under the strict CSP.
 */
import { Ajv2020 } from "ajv/dist/2020";
import type { Browser } from "playwright-core";
import { API_OPERATIONS, buildOpenApiDocument, EXAMPLE_IDS, exampleBody, examplePath } from "@/lib/openapi/document";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-data";
import { baseUrl, closeAll, launchBrowser, scenario, screenshot, signIn } from "./browser";

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>>;
  components: { schemas: Record<string, object> };
};

let browser: Browser;
let apiToken = "";
let serviceId = "";
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
  });
});
afterAll(() => closeAll(browser));

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
    const doc = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as Doc;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: "doc", components: doc.components }, "doc");
    const list = (await (
      await fetch(`${baseUrl}/api/v1/connectors?limit=1`, { headers: { authorization: `Bearer ${apiToken}` } })
    ).json()) as { data: { id: string }[] };
    const connectorId = list.data[0].id;

    let replayed = 0;
    for (const op of API_OPERATIONS) {
      for (const documented of op.examples) {
        // An Inbound API client is issued only for an Inbound API connector (none in the demo data): the examples that
        // need one are replayed in-process (tests/integration/api/openapi.test.ts).
        if (op.tag === "Inbound API" && documented.status < 300) continue;
        const example = JSON.parse(
          JSON.stringify(documented)
            .replaceAll(EXAMPLE_IDS.connectorId, connectorId)
            .replaceAll(EXAMPLE_IDS.serviceId, serviceId),
        ) as typeof documented;
        const headers: Record<string, string> = {};
        if (example.request.contentType) headers["content-type"] = example.request.contentType;
        if (!example.request.anonymous && op.security === "apiToken") headers.authorization = `Bearer ${apiToken}`;
        const response = await fetch(`${baseUrl}${examplePath(op, example)}`, {
          method: op.method.toUpperCase(),
          headers,
          body: exampleBody(example),
        });
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
    expect(replayed).toBeGreaterThanOrEqual(14);
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
