import { eq } from "drizzle-orm";
import { connectors, notificationGroupMembers, notificationGroups, outbox } from "@/db/schema";
import { formatDateTime } from "@/lib/format/date";
import { env } from "@/lib/env";
import { runHealthSweep } from "@/lib/checks/sweep";
import { deliverOutbox } from "@/lib/notifications/deliver";
import { createMailer } from "@/lib/notifications/mailer";
import { useTestDb } from "../../helpers/db";
import { createMember, createOrganisation } from "../../helpers/factories";
import { fakeSystem } from "../../helpers/fake-systems";
import { addFakeConnectors, makeDue, sweepWith } from "../../helpers/health";
import { type Emulator, json, startEmulator } from "../../helpers/vendor-mock";
import { type MailServer, startMailServer } from "./mail-server";

const db = useTestDb();
const options = sweepWith(fakeSystem(), { threshold: 2 });
let vendor: Emulator;
let mail: MailServer;
let answer = 200;

beforeAll(async () => {
  vendor = await startEmulator((_req, res) =>
    json(res, answer, answer === 200 ? { ok: true } : { error: "invalid_token" }),
  );
  mail = await startMailServer();
});
afterAll(async () => {
  await vendor.close();
  await mail.close();
});

const sweep = async (ids: string[], status: number) => {
  answer = status;
  await makeDue(db(), ids);
  await runHealthSweep(db(), options);
};
const deliver = () =>
  deliverOutbox(db(), { mailer: createMailer({ smtpUrl: mail.url, from: "Patchbay <alerts@patchbay.test>" }) });
const row = async (id: string) => (await db().select().from(connectors).where(eq(connectors.id, id)))[0];
const pendingMail = async (orgId: string) =>
  (await db().select().from(outbox).where(eq(outbox.orgId, orgId))).filter((r) => r.kind === "email" && !r.deliveredAt);

async function setUp() {
  const org = await createOrganisation(db());
  const [c] = await addFakeConnectors(db(), org.orgId, 1, () => ({ url: `${vendor.origin}/me`, token: "t0ken-value" }));
  await db()
    .update(connectors)
    .set({ name: "Shop in New York", timeZone: "America/New_York", dateFormat: "MM/dd/yyyy hh:mm a" })
    .where(eq(connectors.id, c.id));
  return { org, c };
}

describe("status e-mails through a real SMTP server", () => {
  it("a confirmed failure and the recovery reach the connector's group, in the connector's zone and format", async () => {
    const { org, c } = await setUp();
    const member = await createMember(db(), org.orgId, "user");
    const [group] = await db().insert(notificationGroups).values({ orgId: org.orgId, name: "On call" }).returning();
    await db()
      .insert(notificationGroupMembers)
      .values([
        { groupId: group.id, userId: member.id },
        { groupId: group.id, email: "ops@example.net" },
      ]);
    await db().update(connectors).set({ notificationGroupId: group.id }).where(eq(connectors.id, c.id));

    await sweep([c.id], 200); // first check, "Not checked yet" -> Operational: not news
    expect(await pendingMail(org.orgId)).toHaveLength(0);
    await sweep([c.id], 401); // one failure: flap control holds it
    expect((await row(c.id)).status).toBe("operational");
    expect(await pendingMail(org.orgId)).toHaveLength(0);
    await sweep([c.id], 401); // the second confirms it
    const failed = await row(c.id);
    expect(failed.status).toBe("auth_failed");
    expect(await pendingMail(org.orgId)).toHaveLength(1);

    const before = mail.messages.length;
    expect(await deliver()).toMatchObject({ claimed: 1, delivered: 1 });
    const [down] = (await mail.waitFor(before + 1)).slice(before);
    expect(down.to).toEqual(["ops@example.net", member.email].sort());
    expect(down.from).toBe("alerts@patchbay.test");
    expect(down.subject).toBe("[Patchbay] Shop in New York: Failed Authentication");
    const since = formatDateTime(failed.statusSince!, "America/New_York", "MM/dd/yyyy hh:mm a");
    expect(since).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d [AP]M E[SD]T$/);
    expect(down.text).toContain("Shop in New York");
    expect(down.text).toContain("changed from Operational to Failed Authentication");
    expect(down.text).toContain(`Since: ${since}`);
    expect(down.text).toContain(failed.lastMessage!);
    expect(down.text).toContain(`What to check: ${failed.lastHint!}`);
    expect(down.text).toContain(`${env.APP_URL.replace(/\/$/, "")}/connectors/${c.id}`);

    await sweep([c.id], 200); // recovery is trusted at once
    expect(await deliver()).toMatchObject({ delivered: 1 });
    const [up] = (await mail.waitFor(before + 2)).slice(before + 1);
    expect(up.subject).toBe("[Patchbay] Shop in New York is Operational again");
    expect(up.text).toContain("changed from Failed Authentication to Operational");
    expect(up.to).toEqual(down.to);
    expect(await deliver()).toMatchObject({ claimed: 0 }); // each e-mail once
  });

  it("no e-mail for a flap that flap control absorbed", async () => {
    const { org, c } = await setUp();
    await sweep([c.id], 200);
    for (const status of [401, 200, 503, 200, 401, 200]) await sweep([c.id], status);
    expect((await row(c.id)).status).toBe("operational");
    expect(await db().select().from(outbox).where(eq(outbox.orgId, org.orgId))).toHaveLength(0);
  });

  it("without a group the administrators are told, including of a first check that fails", async () => {
    const { org, c } = await setUp();
    const second = await createMember(db(), org.orgId, "administrator");
    await createMember(db(), org.orgId, "manager"); // not an administrator: not told
    await sweep([c.id], 401); // "Not checked yet" -> Failed Authentication at once: a connector that never worked
    expect((await row(c.id)).status).toBe("auth_failed");
    const before = mail.messages.length;
    await deliver();
    const [m] = (await mail.waitFor(before + 1)).slice(before);
    expect(m.to).toEqual([org.admin.email, second.email].sort());
    expect(m.text).toContain("changed from Not checked yet to Failed Authentication");
  });

  it("a group with no recipients fails the e-mail at once rather than retrying for a day", async () => {
    const { org, c } = await setUp();
    const [group] = await db().insert(notificationGroups).values({ orgId: org.orgId, name: "Empty" }).returning();
    await db().update(connectors).set({ notificationGroupId: group.id }).where(eq(connectors.id, c.id));
    await sweep([c.id], 401);
    expect(await deliver()).toMatchObject({ claimed: 1, failed: 1 });
    const [r] = await db().select().from(outbox).where(eq(outbox.orgId, org.orgId));
    expect(r).toMatchObject({ failedAt: expect.any(Date), lastError: "The notification group has no recipients." });
  });
});
