import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { GET as clientStatus } from "@/app/api/inbound/v1/clients/[clientId]/route";
import { GET as ping } from "@/app/api/inbound/v1/ping/route";
import { POST as token } from "@/app/api/inbound/v1/token/route";
import { connectors, inboundApiClients } from "@/db/schema";
import { DRAIN_BYTES } from "@/lib/api/body";
import { createConnector } from "@/lib/connectors/create";
import { checkSystem } from "@/lib/checks/check-system";
import { issueInboundClient, revokeInboundClients, TOKEN_TTL_S, verifyInboundToken } from "@/lib/inbound-api/clients";
import { useTestDb } from "../../helpers/db";
import { createMember, createOrganisation } from "../../helpers/factories";
import { asyncListener } from "../../helpers/async-listener";

const db = useTestDb();

/** The clients route served on loopback, so the connector's probe asks it exactly as in production. */
function serveClientStatus(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer(
    asyncListener(async (req, res) => {
      const clientId = decodeURIComponent((req.url ?? "").split("/").pop() ?? "");
      const r = await clientStatus(new Request(`http://x${req.url}`), { params: Promise.resolve({ clientId }) });
      res.writeHead(r.status, { "content-type": "application/json" });
      res.end(await r.text());
    }),
  );
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

const tokenRequest = (body: string, headers: Record<string, string>) =>
  token(new Request("http://x/api/inbound/v1/token", { method: "POST", body, headers }));

describe("Inbound API connector", () => {
  it("saves without a check, issues a client once, and exchanges it for a 24-hour token", async () => {
    const { admin } = await createOrganisation(db());
    const { id, result } = await createConnector(db(), admin, {
      systemId: "inbound-api",
      authType: "platform",
      environment: "live",
      name: "Orders in",
      timeZone: "UTC",
      dateFormat: "yyyy-MM-dd HH:mm",
      saveOffline: false,
      credentials: {},
    });
    expect(result).toBeNull();
    expect((await db().select().from(connectors).where(eq(connectors.id, id)))[0].status).toBe("unknown");

    const { clientId, secret } = await issueInboundClient(db(), admin, { connectorId: id });
    const [stored] = await db().select().from(inboundApiClients).where(eq(inboundApiClients.clientId, clientId));
    expect(stored.secretHash).not.toContain(secret);
    expect(JSON.stringify(stored)).not.toContain(secret);

    for (const [body, headers] of [
      [
        `grant_type=client_credentials&client_id=${clientId}&client_secret=${secret}`,
        { "content-type": "application/x-www-form-urlencoded" },
      ],
      [
        JSON.stringify({ grant_type: "client_credentials", client_id: clientId, client_secret: secret }),
        { "content-type": "application/json" },
      ],
      [
        "grant_type=client_credentials",
        {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
        },
      ],
    ] as const) {
      const res = await tokenRequest(body, headers);
      expect(res.status).toBe(200);
      const t = (await res.json()) as { access_token: string; expires_in: number; token_type: string };
      expect(t).toMatchObject({ token_type: "Bearer", expires_in: TOKEN_TTL_S });
      const pinged = await ping(
        new Request("http://x/api/inbound/v1/ping", { headers: { authorization: `Bearer ${t.access_token}` } }),
      );
      expect(await pinged.json()).toMatchObject({ ok: true, connectorId: id, clientId });
      expect(await verifyInboundToken(db(), t.access_token, Date.now() + (TOKEN_TTL_S + 60) * 1000)).toBeNull();
    }
    const wrong = await tokenRequest(`grant_type=client_credentials&client_id=${clientId}&client_secret=nope`, {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "invalid_client" });
    expect(
      (await tokenRequest("grant_type=password", { "content-type": "application/x-www-form-urlencoded" })).status,
    ).toBe(400);
  });

  it("its status follows whether a usable client exists; revoking kills issued tokens", async () => {
    const { admin } = await createOrganisation(db());
    const { id } = await createConnector(db(), admin, {
      systemId: "inbound-api",
      authType: "platform",
      environment: "test",
      name: "In test",
      timeZone: "UTC",
      dateFormat: "yyyy-MM-dd HH:mm",
      saveOffline: false,
      credentials: {},
    });
    const app = await serveClientStatus();
    const check = (clientId: string) =>
      checkSystem(
        { system: "inbound-api", authType: "platform", credentials: { clientId } },
        { appOrigin: app.origin, timeoutMs: 2000 },
      );
    try {
      expect(await check("")).toMatchObject({ status: "auth_failed", message: expect.stringContaining("No client") });
      const first = await issueInboundClient(db(), admin, { connectorId: id });
      expect(await check(first.clientId)).toMatchObject({ status: "operational" });
      const second = await issueInboundClient(db(), admin, { connectorId: id });
      expect(await check(first.clientId)).toMatchObject({ status: "auth_failed", httpStatus: 404 });
      const res = await tokenRequest(
        `grant_type=client_credentials&client_id=${second.clientId}&client_secret=${second.secret}`,
        { "content-type": "application/x-www-form-urlencoded" },
      );
      const { access_token } = (await res.json()) as { access_token: string };
      expect(await verifyInboundToken(db(), access_token)).not.toBeNull();
      await revokeInboundClients(db(), admin, { connectorId: id });
      expect(await verifyInboundToken(db(), access_token)).toBeNull();
      expect(await check(second.clientId)).toMatchObject({ status: "auth_failed" });
    } finally {
      await app.close();
    }
  });

  it("only administrators and managers of the organisation issue clients", async () => {
    const { admin, orgId } = await createOrganisation(db());
    const { id } = await createConnector(db(), admin, {
      systemId: "inbound-api",
      authType: "platform",
      environment: "live",
      name: "In",
      timeZone: "UTC",
      dateFormat: "yyyy-MM-dd HH:mm",
      saveOffline: false,
      credentials: {},
    });
    await expect(
      issueInboundClient(db(), await createMember(db(), orgId, "user"), { connectorId: id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await createOrganisation(db());
    await expect(issueInboundClient(db(), other.admin, { connectorId: id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("a malformed token request is a 400 naming the field, an oversize one a 413 that closes the connection; none reaches the database", async () => {
    const json = { "content-type": "application/json" };
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const cases: [string, Record<string, string>, RegExp][] = [
      [JSON.stringify({ client_id: "pbc_x", client_secret: 123 }), json, /client_secret must be text/],
      [JSON.stringify({ client_id: { $ne: "" }, client_secret: "x" }), json, /client_id must be text/],
      [JSON.stringify(["client_credentials"]), json, /JSON object/],
      ["{not json", json, /not valid JSON/],
      ["client_id=%00&client_secret=x", form, /client_id must not contain a NUL/],
      ["client_id=pbc_x&client_secret=a%1Bb", form, /client_secret must be one line/],
      ["client_id=a&client_id=b&client_secret=x", form, /client_id must be text/],
    ];
    for (const [body, headers, message] of cases) {
      const res = await tokenRequest(body, headers);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: "invalid_request", error_description: expect.stringMatching(message) });
    }
    expect((await tokenRequest("grant_type=password", form)).status).toBe(400);

    // Chunked (no Content-Length): read as a stream and refused at 4 KB; the rest is read and dropped only up to
    // DRAIN_BYTES more (so that a client still sending gets the 413), never to the end.
    let pulled = 0;
    const endless = new ReadableStream({
      pull: (c) => {
        pulled++;
        c.enqueue(new Uint8Array(1024).fill(97));
      },
    });
    const big = await token(
      new Request("http://x/api/inbound/v1/token", {
        method: "POST",
        body: endless,
        headers: form,
        duplex: "half",
      } as RequestInit),
    );
    expect(big.status).toBe(413);
    expect(big.headers.get("connection")).toBe("close");
    expect(pulled).toBeLessThan((4096 + DRAIN_BYTES) / 1024 + 10);
  });
});
