import { eq } from "drizzle-orm";
import { activeWindowsOf } from "@/db/queries/maintenance";
import { connectors, notificationGroups } from "@/db/schema";
import { bulkSchema, runBulk } from "@/lib/connectors/bulk-actions";
import { createConnector as addConnector } from "@/lib/connectors/create";
import { useTestDb } from "../../helpers/db";
import { createMember, createOrganisation } from "../../helpers/factories";
import { json, startEmulator, type Emulator } from "../../helpers/vendor-mock";

const db = useTestDb();
let emu: Emulator;
beforeAll(async () => {
  // Veeqo as documented: x-api-key on GET /current_company.
  emu = await startEmulator((req, res) =>
    req.path === "/current_company" ? json(res, 200, { id: 1, name: "Demo" }) : json(res, 404, {}),
  );
});
afterAll(() => emu.close());

const checkConfig = () => ({ dispatcher: emu.dispatcher, timeoutMs: 2000 });
const input = (name: string) => ({
  systemId: "veeqo",
  authType: "api-key",
  environment: "live" as const,
  name,
  timeZone: "Europe/London",
  dateFormat: "dd/MM/yyyy HH:mm" as const,
  saveOffline: true,
  credentials: { apiKey: "vq_key_0123456789abcdef" },
});

async function setup() {
  const org = await createOrganisation(db());
  const a = await addConnector(db(), org.admin, input("Alpha"), { checkOverrides: checkConfig() });
  const other = await createOrganisation(db());
  const theirs = await addConnector(db(), other.admin, input("Theirs"), { checkOverrides: checkConfig() });
  return { ...org, a: a.id, theirs: theirs.id, theirOrg: other.orgId };
}
const parse = (v: Record<string, string>) => bulkSchema.parse(v);

describe("bulk actions on the connector list", () => {
  it("checks each selected connector, skipping one checked in the last 10 s and another organisation's", async () => {
    const { admin, a, theirs } = await setup();
    const first = await runBulk(db(), admin, { ...parse({ op: "check" }), ids: [a] }, { checkConfig: checkConfig() });
    expect(first).toEqual([{ id: a, name: "Alpha", outcome: "done", detail: expect.stringMatching(/^Checked: /) }]);
    const second = await runBulk(
      db(),
      admin,
      { ...parse({ op: "check" }), ids: [a, theirs, "not-a-uuid"] },
      { checkConfig: checkConfig() },
    );
    expect(second).toEqual([
      { id: a, name: "Alpha", outcome: "skipped", detail: expect.stringMatching(/checked in the last 10 seconds/) },
      { id: theirs, name: "Unknown connector", outcome: "skipped", detail: "Not a connector of your organisation." },
      {
        id: "not-a-uuid",
        name: "Unknown connector",
        outcome: "skipped",
        detail: "Not a connector of your organisation.",
      },
    ]);
    expect((await db().select().from(connectors).where(eq(connectors.id, theirs)))[0].manualCheckAt).toBeNull();
  });

  it("pauses and resumes each, saying which were already in that state", async () => {
    const { orgId, a, theirs, theirOrg } = await setup();
    const manager = await createMember(db(), orgId, "manager");
    const paused = await runBulk(db(), manager, { ...parse({ op: "pause", reason: "Migration" }), ids: [a, theirs] });
    expect(paused.map((r) => [r.name, r.outcome])).toEqual([
      ["Alpha", "done"],
      ["Unknown connector", "skipped"],
    ]);
    expect((await activeWindowsOf(db(), { orgId, connectorIds: [a] })).get(a)).toMatchObject({
      kind: "pause",
      reason: "Migration",
    });
    expect((await activeWindowsOf(db(), { orgId: theirOrg, connectorIds: [theirs] })).size).toBe(0);
    const again = await runBulk(db(), manager, { ...parse({ op: "pause", reason: "Again" }), ids: [a] });
    expect(again).toEqual([
      { id: a, name: "Alpha", outcome: "skipped", detail: expect.stringMatching(/already paused/) },
    ]);
    const resumed = await runBulk(db(), manager, { ...parse({ op: "resume" }), ids: [a, a] });
    expect(resumed).toEqual([{ id: a, name: "Alpha", outcome: "done", detail: expect.stringMatching(/^Resumed/) }]);
    expect(await runBulk(db(), manager, { ...parse({ op: "resume" }), ids: [a] })).toEqual([
      { id: a, name: "Alpha", outcome: "skipped", detail: "It was not paused." },
    ]);
    expect(bulkSchema.safeParse({ op: "pause", reason: "" }).error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["reason", "Give a reason for the pause."],
    ]);
  });

  it("changes the notification group (administrators only), refusing another organisation's group", async () => {
    const { orgId, admin, a, theirs, theirOrg } = await setup();
    const [group] = await db().insert(notificationGroups).values({ orgId, name: "On call" }).returning();
    const [foreign] = await db().insert(notificationGroups).values({ orgId: theirOrg, name: "Theirs" }).returning();
    const done = await runBulk(db(), admin, { ...parse({ op: "group", groupId: group.id }), ids: [a, theirs] });
    expect(done.map((r) => [r.name, r.outcome])).toEqual([
      ["Alpha", "done"],
      ["Unknown connector", "skipped"],
    ]);
    expect((await db().select().from(connectors).where(eq(connectors.id, a)))[0].notificationGroupId).toBe(group.id);
    expect((await db().select().from(connectors).where(eq(connectors.id, theirs)))[0].notificationGroupId).toBeNull();
    const refused = await runBulk(db(), admin, { ...parse({ op: "group", groupId: foreign.id }), ids: [a] });
    expect(refused).toEqual([{ id: a, name: "Alpha", outcome: "skipped", detail: expect.stringMatching(/not found/) }]);

    const manager = await createMember(db(), orgId, "manager");
    await expect(runBulk(db(), manager, { ...parse({ op: "group", groupId: "" }), ids: [a] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const user = await createMember(db(), orgId, "user");
    await expect(runBulk(db(), user, { ...parse({ op: "resume" }), ids: [a] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(runBulk(db(), admin, { ...parse({ op: "resume" }), ids: [] })).rejects.toMatchObject({
      code: "INVALID",
    });
  });
});
