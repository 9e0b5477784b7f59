import { and, eq, sql } from "drizzle-orm";
import { connectors, outbox } from "@/db/schema";
import { runHealthSweep } from "@/lib/checks/sweep";
import { deliverOutbox } from "@/lib/notifications/deliver";
import { createMailer } from "@/lib/notifications/mailer";
import { useTestDb } from "../../helpers/db";
import { createOrganisation } from "../../helpers/factories";
import { fakeSystem } from "../../helpers/fake-systems";
import { sweepWith } from "../../helpers/health";
import { createConnector } from "../../helpers/factories";
import { startMailServer } from "./mail-server";

const db = useTestDb();
const sweep = () => runHealthSweep(db(), sweepWith(fakeSystem())); // nothing is due: only the sweep's tail runs
const reminders = async (connectorId: string) =>
  (
    await db()
      .select()
      .from(outbox)
      .where(eq(outbox.orgId, (await db().select().from(connectors).where(eq(connectors.id, connectorId)))[0].orgId))
  ).filter(
    (r) =>
      (r.payload as { body: { event: string; connector: { id: string } } }).body.event === "connector.still_down" &&
      (r.payload as { body: { connector: { id: string } } }).body.connector.id === connectorId,
  );

async function downSince(orgId: string, interval: string, status: "auth_failed" | "unreachable" = "auth_failed") {
  const c = await createConnector(db(), orgId, {
    systemId: `fake-r-${Math.random().toString(36).slice(2, 8)}`,
    authType: "token",
    credentials: { url: "http://x", token: "t" },
  });
  await db()
    .update(connectors)
    .set({
      status,
      statusSince: sql`now() - ${interval}::interval`,
      lastReason: "auth_rejected",
      lastMessage: "The token was refused.",
      lastHint: "Create a new token.",
      nextCheckAt: sql`now() + interval '1 hour'`,
    })
    .where(eq(connectors.id, c.id));
  return c;
}

describe("reminders while a connector stays down", () => {
  it("at most one a day, only after a day down, never for an operational connector", async () => {
    const org = await createOrganisation(db());
    const long = await downSince(org.orgId, "2 days");
    const recent = await downSince(org.orgId, "3 hours", "unreachable");
    const fine = await createConnector(db(), org.orgId, {
      systemId: "fake-fine",
      authType: "token",
      credentials: { url: "http://x", token: "t" },
    });
    await db()
      .update(connectors)
      .set({
        status: "operational",
        statusSince: sql`now() - interval '9 days'`,
        nextCheckAt: sql`now() + interval '1 hour'`,
      })
      .where(eq(connectors.id, fine.id));

    await sweep();
    expect(await reminders(long.id)).toHaveLength(1);
    expect(await reminders(recent.id)).toHaveLength(0);
    expect(await reminders(fine.id)).toHaveLength(0);
    await sweep();
    await sweep();
    expect(await reminders(long.id)).toHaveLength(1); // same day: no second one

    await db()
      .update(connectors)
      .set({ lastReminderAt: sql`now() - interval '25 hours'` })
      .where(eq(connectors.id, long.id)); // a day later
    await sweep();
    expect(await reminders(long.id)).toHaveLength(2);
    expect(await reminders(recent.id)).toHaveLength(0);
  });

  it("the reminder e-mail says the connector is still down, since when, and why", async () => {
    const org = await createOrganisation(db());
    const c = await downSince(org.orgId, "30 hours");
    await db()
      .update(connectors)
      .set({ name: "Warehouse feed" })
      .where(and(eq(connectors.id, c.id), eq(connectors.orgId, org.orgId)));
    await sweep();
    const mail = await startMailServer();
    try {
      await deliverOutbox(db(), { mailer: createMailer({ smtpUrl: mail.url }) });
      const mine = (await mail.waitFor(1)).find((m) => m.subject.includes("Warehouse feed"))!;
      expect(mine.subject).toBe("[Patchbay] Reminder: Warehouse feed is still down (Failed Authentication)");
      expect(mine.text).toContain("is still Failed Authentication");
      expect(mine.text).toContain("The token was refused.");
      expect(mine.text).toContain("What to check: Create a new token.");
    } finally {
      await mail.close();
    }
  });
});
