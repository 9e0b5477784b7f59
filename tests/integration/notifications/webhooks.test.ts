import { eq, sql } from "drizzle-orm";
import { outbox, webhookDeliveries, webhooks } from "@/db/schema";
import { runHealthSweep } from "@/lib/checks/sweep";
import { deliverOutbox, retryDelayMs } from "@/lib/notifications/deliver";
import { verifySignature } from "@/lib/notifications/signature";
import { listWebhookDeliveries, registerWebhook, sendTestEvent } from "@/lib/notifications/webhooks";
import { useTestDb } from "../../helpers/db";
import { createOrganisation } from "../../helpers/factories";
import { fakeSystem, fixedLookup } from "../../helpers/fake-systems";
import { addFakeConnectors, sweepWith } from "../../helpers/health";
import { type Emulator, json, startEmulator } from "../../helpers/vendor-mock";

const db = useTestDb();
let vendor: Emulator;
let receiver: Emulator;
let vendorAnswer = 200;
// A mailer that accepts everything: these tests are about webhooks.
const quietMailer = { send: () => Promise.resolve(), close: () => undefined };
const deliver = (extra = {}) =>
  deliverOutbox(db(), { mailer: quietMailer, allowPrivateNetworks: true, retryBaseMs: 1_000, ...extra });

beforeAll(async () => {
  vendor = await startEmulator((_req, res) => json(res, vendorAnswer, {}));
  receiver = await startEmulator();
});
afterAll(async () => {
  await vendor.close();
  await receiver.close();
});
beforeEach(() => receiver.requests.splice(0));

async function failingConnector(orgId: string) {
  const [c] = await addFakeConnectors(db(), orgId, 1, () => ({ url: `${vendor.origin}/me`, token: "t0ken-value" }));
  vendorAnswer = 503;
  await runHealthSweep(db(), sweepWith(fakeSystem())); // first check: unknown -> unreachable at once
  return c;
}

describe("webhooks", () => {
  it("POST the change as signed JSON that the receiver can verify", async () => {
    const org = await createOrganisation(db());
    const { secret } = await registerWebhook(
      db(),
      org.admin,
      { url: `${receiver.origin}/hook` },
      { allowPrivateNetworks: true },
    );
    const c = await failingConnector(org.orgId);
    expect(await deliver()).toMatchObject({ delivered: 2 }); // the e-mail and the webhook

    expect(receiver.requests).toHaveLength(1);
    const req = receiver.requests[0];
    expect(req).toMatchObject({ method: "POST", path: "/hook" });
    expect(req.headers["content-type"]).toBe("application/json");
    expect(verifySignature(secret, req.body, String(req.headers["patchbay-signature"]))).toBe(true);
    expect(verifySignature("whsec_wrong", req.body, String(req.headers["patchbay-signature"]))).toBe(false);
    expect(
      verifySignature(
        secret,
        req.body.replace("unreachable", "operational"),
        String(req.headers["patchbay-signature"]),
      ),
    ).toBe(false);
    const body = JSON.parse(req.body) as { id: string };
    expect(req.headers["patchbay-event-id"]).toBe(body.id);
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      event: "connector.status_changed",
      connector: { id: c.id, name: c.name, system: c.systemId, environment: "live" },
      from: "unknown",
      to: "unreachable",
      since: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      reason: expect.any(String),
      message: expect.any(String),
      hint: expect.any(String),
      url: expect.stringMatching(new RegExp(`/connectors/${c.id}$`)),
    });
    const [logged] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.orgId, org.orgId));
    expect(logged).toMatchObject({ ok: true, httpStatus: 200, attempt: 1, event: "connector.status_changed" });
  });

  it("retry with back-off when the receiver fails, logging every attempt, until it succeeds", async () => {
    const org = await createOrganisation(db());
    const { id: webhookId } = await registerWebhook(
      db(),
      org.admin,
      { url: `${receiver.origin}/flaky` },
      { allowPrivateNetworks: true },
    );
    await sendTestEvent(db(), org.admin, { webhookId });
    let calls = 0;
    receiver.handle((_req, res) => json(res, ++calls < 3 ? 500 : 204, {}));

    expect(await deliver()).toMatchObject({ claimed: 1, retrying: 1 });
    const [first] = await db().select().from(outbox).where(eq(outbox.webhookId, webhookId));
    expect(first).toMatchObject({
      attempts: 1,
      deliveredAt: null,
      failedAt: null,
      lastError: "The endpoint answered HTTP 500.",
    });
    expect(first.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 500); // not due again at once
    expect(await deliver()).toMatchObject({ claimed: 0 });

    for (const expected of [{ retrying: 1 }, { delivered: 1 }]) {
      await db()
        .update(outbox)
        .set({ nextAttemptAt: sql`now()` })
        .where(eq(outbox.webhookId, webhookId)); // time passes
      expect(await deliver()).toMatchObject(expected);
    }
    const log = await db()
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, webhookId))
      .orderBy(webhookDeliveries.attempt);
    expect(log.map((l) => [l.attempt, l.ok, l.httpStatus])).toEqual([
      [1, false, 500],
      [2, false, 500],
      [3, true, 204],
    ]);
    expect(receiver.requests.map((r) => r.headers["patchbay-event-id"])).toEqual(
      Array(3).fill(receiver.requests[0].headers["patchbay-event-id"]),
    );
    receiver.handle((_req, res) => json(res, 200, {}));
  });

  it("back-off doubles from 30 s up to an hour, and a row is given up after its day", async () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 8, 30].map((n) => retryDelayMs(n, 30_000, mid))).toEqual([
      30_000, 60_000, 120_000, 3_600_000, 3_600_000,
    ]);
    const org = await createOrganisation(db());
    const { id: webhookId } = await registerWebhook(
      db(),
      org.admin,
      { url: `${receiver.origin}/down` },
      { allowPrivateNetworks: true },
    );
    await sendTestEvent(db(), org.admin, { webhookId });
    await db()
      .update(outbox)
      .set({ expiresAt: sql`now() + interval '1 second'` })
      .where(eq(outbox.webhookId, webhookId));
    receiver.handle((_req, res) => json(res, 503, {}));
    expect(await deliver({ retryBaseMs: 30_000 })).toMatchObject({ failed: 1 });
    const [row] = await db().select().from(outbox).where(eq(outbox.webhookId, webhookId));
    expect(row).toMatchObject({ failedAt: expect.any(Date), lastError: "The endpoint answered HTTP 503." });
    receiver.handle((_req, res) => json(res, 200, {}));
  });

  it("pass the probes' address guard: a loopback target is refused unless private networks are allowed", async () => {
    const org = await createOrganisation(db());
    await expect(
      registerWebhook(db(), org.admin, { url: `${receiver.origin}/x` }, { allowPrivateNetworks: false }),
    ).rejects.toMatchObject({ code: "INVALID" });
    await expect(
      registerWebhook(db(), org.admin, { url: "http://hooks.example.com/x" }, { allowPrivateNetworks: false }),
    ).rejects.toThrow(/https/);
    // Registered while allowed; delivered while not (a name resolving to loopback is caught the same way at connect time).
    const { id: webhookId } = await registerWebhook(
      db(),
      org.admin,
      { url: `${receiver.origin}/guarded` },
      { allowPrivateNetworks: true },
    );
    await sendTestEvent(db(), org.admin, { webhookId });
    expect(await deliver({ allowPrivateNetworks: false })).toMatchObject({ retrying: 1 });
    const [log] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));
    expect(log).toMatchObject({ ok: false, httpStatus: null, error: expect.stringMatching(/private or reserved/) });
    expect(receiver.requests).toHaveLength(0);
  });

  it("store the secret encrypted, and a deactivated webhook stops receiving", async () => {
    const org = await createOrganisation(db());
    const { id, secret } = await registerWebhook(
      db(),
      org.admin,
      { url: `${receiver.origin}/off` },
      { allowPrivateNetworks: true },
    );
    const [stored] = await db().select().from(webhooks).where(eq(webhooks.id, id));
    expect(stored.secret).not.toContain(secret);
    expect(stored.secret).toMatch(/^v1\./);
    await db().update(webhooks).set({ active: false }).where(eq(webhooks.id, id));
    await failingConnector(org.orgId); // inactive webhooks get no row at all
    expect((await db().select().from(outbox).where(eq(outbox.orgId, org.orgId))).map((r) => r.kind)).toEqual(["email"]);
    await sendTestEvent(db(), org.admin, { webhookId: id });
    expect(await deliver()).toMatchObject({ delivered: 1, failed: 1 }); // the e-mail; the test event is dropped
    expect(receiver.requests).toHaveLength(0);
  });

  it("log our own words for a failed attempt, never the address a name resolved to", async () => {
    const org = await createOrganisation(db());
    const closed = await startEmulator();
    const port = new URL(closed.origin).port;
    await closed.close(); // nothing listens there any more: a refused connection
    const { id: webhookId } = await registerWebhook(
      db(),
      org.admin,
      { url: `http://hooks.customer.test:${port}/in` },
      { allowPrivateNetworks: true },
    );
    const attempts = async (lookupAddress: string, allowPrivateNetworks: boolean) => {
      await sendTestEvent(db(), org.admin, { webhookId });
      await deliver({ allowPrivateNetworks, lookup: fixedLookup(lookupAddress) });
      const logs = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));
      return logs.map((l) => l.error);
    };
    // The name resolves to a private address: refused by the guard at connect time.
    expect(await attempts("10.20.30.40", false)).toEqual(["Refused: the address is on a private or reserved network."]);
    // Private networks allowed: the connection is refused by the (closed) port; the socket error names 127.0.0.1.
    const errors = await attempts("127.0.0.1", true);
    expect(errors).toContain("Connection refused.");
    const rows = await db().select().from(outbox).where(eq(outbox.webhookId, webhookId));
    for (const text of [...errors, ...rows.map((r) => r.lastError)]) {
      expect(text).not.toMatch(/10\.20\.30\.40|127\.0\.0\.1|::1|hooks\.customer\.test/);
    }
    // An attempt logged by an older version, with the resolved address in it, is not shown as is on the settings page.
    await db().insert(webhookDeliveries).values({
      orgId: org.orgId,
      webhookId,
      event: "test",
      attempt: 9,
      ok: false,
      error: "Refused to connect to hooks.customer.test (10.20.30.40): private or reserved address",
      durationMs: 1,
    });
    const shown = await listWebhookDeliveries(db(), { orgId: org.orgId });
    expect(shown.length).toBeGreaterThanOrEqual(3);
    for (const d of shown) expect(d.error ?? "").not.toMatch(/10\.20\.30\.40|127\.0\.0\.1|hooks\.customer\.test/);
    expect(shown.map((d) => d.error)).toContain("The delivery failed.");
  });
});
