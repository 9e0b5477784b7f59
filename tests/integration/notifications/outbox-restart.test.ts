import net from "node:net";
import { eq, sql } from "drizzle-orm";
import { connectors, outbox } from "@/db/schema";
import { claimDueOutbox } from "@/db/queries/outbox";
import { runHealthSweep } from "@/lib/checks/sweep";
import { deliverOutbox } from "@/lib/notifications/deliver";
import { createMailer } from "@/lib/notifications/mailer";
import { useTestDb } from "../../helpers/db";
import { createOrganisation } from "../../helpers/factories";
import { fakeSystem } from "../../helpers/fake-systems";
import { addFakeConnectors, sweepWith } from "../../helpers/health";
import { type Emulator, json, startEmulator } from "../../helpers/vendor-mock";
import { startMailServer } from "./mail-server";

const db = useTestDb();
let vendor: Emulator;
beforeAll(async () => {
  vendor = await startEmulator((_req, res) => json(res, 401, {}));
});
afterAll(() => vendor.close());

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

async function failures(orgId: string, n: number) {
  const rows = await addFakeConnectors(db(), orgId, n, () => ({ url: `${vendor.origin}/me`, token: "t0ken-value" }));
  await runHealthSweep(db(), sweepWith(fakeSystem())); // unknown -> auth_failed: one e-mail each
  return rows;
}
const emailRows = async (orgId: string) =>
  (await db().select().from(outbox).where(eq(outbox.orgId, orgId))).filter((r) => r.kind === "email");

describe("the outbox", () => {
  it("keeps e-mails while the mail server is down and a later processor sends them once it is up", async () => {
    const org = await createOrganisation(db());
    await failures(org.orgId, 2);
    const port = await freePort(); // nothing listens there yet: the mail server is down
    const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await deliverOutbox(db(), { mailer: createMailer({ smtpUrl: `smtp://127.0.0.1:${port}` }) })).toMatchObject({
      claimed: 2,
      retrying: 2,
    });
    spy.mockRestore();
    for (const r of await emailRows(org.orgId))
      expect(r).toMatchObject({
        attempts: 1,
        deliveredAt: null,
        failedAt: null,
        lastError: expect.stringMatching(/ECONNREFUSED/),
      });

    // "Restart": nothing survives but the database. The mail server comes up; time passes; a new processor runs.
    const mail = await startMailServer(port);
    try {
      await db()
        .update(outbox)
        .set({ nextAttemptAt: sql`now()` })
        .where(eq(outbox.orgId, org.orgId));
      expect(await deliverOutbox(db(), { mailer: createMailer({ smtpUrl: mail.url }) })).toMatchObject({
        claimed: 2,
        delivered: 2,
      });
      await mail.waitFor(2);
      expect(mail.messages.every((m) => m.to.includes(org.admin.email))).toBe(true);
      for (const r of await emailRows(org.orgId))
        expect(r).toMatchObject({ attempts: 2, deliveredAt: expect.any(Date), lastError: null });
    } finally {
      await mail.close();
    }
  });

  it("rows leased by a processor that died are taken over after the lease expires, never before", async () => {
    const org = await createOrganisation(db());
    await failures(org.orgId, 1);
    const [dead] = await claimDueOutbox(db(), { limit: 10, leaseMs: 60_000 }); // claimed, then the process "crashed"
    expect(dead).toBeDefined();
    const sent: string[][] = [];
    const mailer = { send: (m: { to: string[] }) => Promise.resolve(void sent.push(m.to)), close: () => undefined };
    expect(await deliverOutbox(db(), { mailer })).toMatchObject({ claimed: 0 });
    await db()
      .update(outbox)
      .set({ leaseUntil: sql`now() - interval '1 second'` })
      .where(eq(outbox.id, dead.id));
    expect(await deliverOutbox(db(), { mailer })).toMatchObject({ claimed: 1, delivered: 1 });
    expect(sent).toHaveLength(1);
  });

  it("processors running at once deliver every row exactly once", async () => {
    const org = await createOrganisation(db());
    await failures(org.orgId, 6);
    const sent: string[] = [];
    const mailer = {
      send: (m: { subject: string }) => Promise.resolve(void sent.push(m.subject)),
      close: () => undefined,
    };
    const reports = await Promise.all(
      [1, 2, 3].map(() => deliverOutbox(db(), { mailer, batchSize: 2, concurrency: 1 })),
    );
    expect(reports.reduce((n, r) => n + r.delivered, 0)).toBe(6);
    expect(new Set(sent).size).toBe(6);
    expect(sent).toHaveLength(6);
    expect((await emailRows(org.orgId)).every((r) => r.deliveredAt)).toBe(true);
    expect(
      (await db().select().from(connectors).where(eq(connectors.orgId, org.orgId))).every(
        (c) => c.status === "auth_failed",
      ),
    ).toBe(true);
  });
});
