import type { ServerResponse } from "node:http";
import type { EngineOptions } from "@/lib/health";
import { checkSystem } from "@/lib/checks/check-system";
import { credentialsSchema } from "@/lib/systems";
import { peoplevox } from "@/lib/systems/catalog/peoplevox";
import { escapeXml, xmlElementText } from "@/lib/systems/kit/soap-call";
import { itHandlesVendorOutages } from "@/tests/helpers/vendor-cases";
import { json, startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

const PASSWORD = "p&ss<word> 'x'";
const creds = {
  environment: "https://WMS.peoplevox.net/",
  clientId: "acme1234",
  username: "integration",
  password: PASSWORD,
};

function soap(res: ServerResponse, result: string, status = 200) {
  res.writeHead(status, { "content-type": "text/xml; charset=utf-8" });
  res.end(
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
      `<AuthenticateResponse xmlns="http://www.peoplevox.net/"><AuthenticateResult>${result}</AuthenticateResult></AuthenticateResponse></soap:Body></soap:Envelope>`,
  );
}
const result = (id: string, detail: string, errorCode = "") =>
  `<ResponseId>${id}</ResponseId><TotalCount>1</TotalCount><Detail>${detail}</Detail><Statuses /><ImportingQueueId>0</ImportingQueueId><SalesOrdersToDespatchIds /><ErrorCode>${errorCode}</ErrorCode>`;

// Behaves like integrationservicev4.asmx (public clients, docs/systems.md): HTTP 200 either way, ResponseId decides.
function peoplevoxApi(emu: Emulator) {
  emu.handle((req, res) => {
    if (
      req.vendorOrigin !== "https://wms.peoplevox.net" ||
      req.path !== "/acme1234/resources/integrationservicev4.asmx"
    )
      return json(res, 404, {});
    if (req.method !== "POST" || req.headers.soapaction !== "http://www.peoplevox.net/Authenticate")
      return soap(res, "", 500);
    const password = Buffer.from(xmlElementText(req.body, "password") ?? "", "base64").toString("utf8");
    const ok =
      xmlElementText(req.body, "clientId") === "acme1234" &&
      xmlElementText(req.body, "username") === "integration" &&
      password === PASSWORD;
    if (!ok) return soap(res, result("-1", "Invalid username or password &amp; client", "AUTH"));
    soap(res, result("0", "acme1234,9c1d2e3f-3e02-46a3-bb7c-9dca6b9db243"));
  });
}

describe("peoplevox", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    peoplevoxApi(emu);
  });
  afterEach(() => emu.close());
  const check = (
    credentials: Record<string, string> = creds,
    options: EngineOptions = { dispatcher: emu.dispatcher },
  ) => checkSystem({ system: "peoplevox", authType: "password", credentials }, { timeoutMs: 2000, ...options });

  it("normalises the environment to a bare host and keeps the password as typed", () => {
    const parsed = credentialsSchema(peoplevox, "password").parse({ ...creds, password: " spaced " });
    expect(parsed).toMatchObject({ environment: "wms.peoplevox.net", password: " spaced " });
    expect(
      credentialsSchema(peoplevox, "password").safeParse({ ...creds, clientId: "https://wms.peoplevox.net/acme" })
        .success,
    ).toBe(false);
  });

  it("escapes XML and reads elements whatever their prefix", () => {
    expect(escapeXml(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
    expect(xmlElementText("<x:Detail a='1'> a &amp;lt; b </x:Detail>", "Detail")).toBe("a &lt; b");
    expect(xmlElementText("<Statuses />", "Statuses")).toBe("");
    expect(xmlElementText("<Details>no</Details>", "Detail")).toBeUndefined();
  });

  it("is operational when Authenticate returns ResponseId 0 and a session", async () => {
    const res = await check();
    expect(res).toMatchObject({ status: "operational", reason: "ok", httpStatus: 200 });
    const req = emu.requests[0];
    expect(req).toMatchObject({ method: "POST", path: "/acme1234/resources/integrationservicev4.asmx" });
    expect(req.headers["content-type"]).toContain("text/xml");
    // The password travels base64-encoded inside an escaped envelope, never in clear.
    expect(req.body).toContain(`<password>${Buffer.from(PASSWORD).toString("base64")}</password>`);
    expect(req.body).not.toContain("p&ss");
    expect(JSON.stringify(res)).not.toContain("9c1d2e3f");
  });

  it("fails authentication on HTTP 200 with ResponseId != 0, quoting the capped Detail", async () => {
    const res = await check({ ...creds, password: "wrong" });
    expect(res).toMatchObject({ status: "auth_failed", reason: "invalid_credentials", httpStatus: 200 });
    expect(res.message).toContain("ResponseId -1: AUTH: Invalid username or password & client");
    expect(res.hint).toContain("integration user");
    emu.handle((_req, r) => soap(r, result("-1", "x".repeat(5000))));
    expect((await check()).message.length).toBeLessThan(300);
  });

  it("escapes XML in the username so it cannot change the request", async () => {
    await check({ ...creds, username: "a</username><username>integration" });
    expect(emu.requests[0].body).toContain("<username>a&lt;/username&gt;&lt;username&gt;integration</username>");
  });

  it("is unreachable (not_found) for a wrong client ID", async () => {
    const res = await check({ ...creds, clientId: "other" });
    expect(res).toMatchObject({ status: "unreachable", reason: "not_found", httpStatus: 404 });
  });

  it("does not call a 200 that is not an Authenticate result operational", async () => {
    emu.handle((_req, r) => {
      r.writeHead(200, { "content-type": "text/html" });
      r.end("<html><body>Peoplevox login</body></html>");
    });
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
    emu.handle((_req, r) => soap(r, result("0", "")));
    expect(await check()).toMatchObject({ status: "unreachable", reason: "unexpected_response" });
  });

  itHandlesVendorOutages(
    () => emu,
    (options) => check(creds, options),
  );
});
