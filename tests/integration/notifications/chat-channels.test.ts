import { eq, sql } from "drizzle-orm";
import { listWebhooks } from "@/db/queries/webhooks";
import { connectors, outbox, webhookDeliveries, webhooks } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { runHealthSweep } from "@/lib/checks/sweep";
import { initialFormState } from "@/lib/form-state";
import { chatUrlProblem, maskChatUrl } from "@/lib/notifications/chat-channels";
import { deliverOutbox } from "@/lib/notifications/deliver";
import { listWebhookDeliveries, registerChatChannel, sendTestEvent } from "@/lib/notifications/webhooks";
import { useTestDb } from "../../helpers/db";
import { createOrganisation } from "../../helpers/factories";
import { fakeSystem, fixedLookup } from "../../helpers/fake-systems";
import { addFakeConnectors, sweepWith } from "../../helpers/health";
import { type EmulatedRequest, type Emulator, json, startEmulator } from "../../helpers/vendor-mock";

let current: SessionUser | null = null;
jest.mock("@/lib/auth/session", () => ({
  requireUser: () => (current ? Promise.resolve(current) : Promise.reject(new Error("signed out"))),
}));
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { registerChatChannelAction } from "@/lib/actions/webhooks";

const db = useTestDb();
let vendor: Emulator;
let slack: Emulator;
let teams: Emulator;
let vendorAnswer = 200;
const quietMailer = { send: () => Promise.resolve(), close: () => undefined };
const deliver = (extra = {}) =>
  deliverOutbox(db(), { mailer: quietMailer, allowPrivateNetworks: true, retryBaseMs: 1_000, ...extra });

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** What Slack checks of an incoming-webhook body: a text fallback and Block Kit blocks within their limits. */
function slackProblems(body: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(body)) return ["not an object"];
  if (typeof body.text !== "string" || !body.text) problems.push("text fallback missing");
  if (!Array.isArray(body.blocks) || body.blocks.length === 0 || body.blocks.length > 50)
    return [...problems, "blocks"];
  for (const block of body.blocks as unknown[]) {
    if (!isObject(block)) problems.push("block not an object");
    else if (block.type === "header") {
      const t = block.text as Json | undefined;
      if (t?.type !== "plain_text" || typeof t.text !== "string" || t.text.length > 150) problems.push("header");
    } else if (block.type === "section") {
      const t = block.text as Json | undefined;
      if (t && (!["mrkdwn", "plain_text"].includes(String(t.type)) || String(t.text).length > 3000))
        problems.push("section text");
      const fields = block.fields as Json[] | undefined;
      if (fields && (fields.length > 10 || fields.some((f) => String(f.text).length > 2000))) problems.push("fields");
      if (!t && !fields) problems.push("empty section");
    } else if (block.type === "actions") {
      const elements = block.elements as Json[] | undefined;
      if (!elements?.every((e) => e.type === "button" && typeof e.url === "string")) problems.push("actions");
    } else problems.push(`unexpected block ${String(block.type)}`);
  }
  return problems;
}

/** What a Teams Workflows / incoming webhook expects: a message with one Adaptive Card attachment. */
function teamsProblems(body: unknown): string[] {
  if (!isObject(body) || body.type !== "message" || !Array.isArray(body.attachments)) return ["not a message"];
  const [attachment] = body.attachments as (Json | undefined)[];
  if (attachment?.contentType !== "application/vnd.microsoft.card.adaptive") return ["contentType"];
  const card = attachment.content as Json | undefined;
  const problems: string[] = [];
  if (card?.type !== "AdaptiveCard") problems.push("card type");
  if (typeof card?.version !== "string") problems.push("version");
  if (!Array.isArray(card?.body) || card.body.length === 0) problems.push("body");
  for (const element of (card?.body as Json[] | undefined) ?? []) {
    if (element.type === "TextBlock" && typeof element.text !== "string") problems.push("TextBlock");
    if (element.type === "FactSet" && !(element.facts as Json[]).every((f) => typeof f.title === "string"))
      problems.push("FactSet");
  }
  return problems;
}

const answerLike =
  (check: (body: unknown) => string[], okStatus: number) =>
  (req: EmulatedRequest, res: Parameters<Parameters<Emulator["handle"]>[0]>[1]) => {
    let problems: string[];
    try {
      problems = check(JSON.parse(req.body));
    } catch {
      problems = ["not JSON"];
    }
    json(res, problems.length ? 400 : okStatus, problems.length ? { problems } : {});
  };

beforeAll(async () => {
  vendor = await startEmulator((_req, res) => json(res, vendorAnswer, {}));
  slack = await startEmulator(answerLike(slackProblems, 200));
  teams = await startEmulator(answerLike(teamsProblems, 202));
});
afterAll(async () => {
  await vendor.close();
  await slack.close();
  await teams.close();
});
beforeEach(() => {
  slack.requests.splice(0);
  teams.requests.splice(0);
  slack.handle(answerLike(slackProblems, 200));
});

async function failingConnector(orgId: string) {
  const [c] = await addFakeConnectors(db(), orgId, 1, () => ({ url: `${vendor.origin}/me`, token: "t0ken-value" }));
  await db()
    .update(connectors)
    .set({ name: "Shop <UK> & *co*", timeZone: "America/New_York", dateFormat: "yyyy-MM-dd HH:mm" })
    .where(eq(connectors.id, c.id));
  vendorAnswer = 503;
  await runHealthSweep(db(), sweepWith(fakeSystem())); // first check: unknown -> unreachable at once
  return c;
}

const SLACK_URL = (path: string) => `${slack.origin}/services/T0000/B0000/${path}`;
const TEAMS_URL = (path: string) => `${teams.origin}/workflows/${path}/triggers/manual/paths/invoke?sig=S3cr3tSig`;

describe("Slack and Teams channels", () => {
  it("post a status change as Slack Block Kit and a Teams Adaptive Card, with the time in the connector's zone and a link", async () => {
    const org = await createOrganisation(db());
    await registerChatChannel(
      db(),
      org.admin,
      { kind: "slack", url: SLACK_URL("abc123") },
      { allowPrivateNetworks: true },
    );
    await registerChatChannel(
      db(),
      org.admin,
      { kind: "teams", url: TEAMS_URL("wf1") },
      { allowPrivateNetworks: true },
    );
    const c = await failingConnector(org.orgId);
    expect(await deliver()).toMatchObject({ delivered: 3, failed: 0, retrying: 0 }); // e-mail, Slack, Teams

    expect(slack.requests).toHaveLength(1);
    expect(slack.requests[0]).toMatchObject({ method: "POST", path: "/services/T0000/B0000/abc123" });
    expect(slack.requests[0].headers["content-type"]).toBe("application/json");
    expect(slack.requests[0].headers["patchbay-signature"]).toBeUndefined();
    const s = JSON.parse(slack.requests[0].body) as { text: string; blocks: Json[] };
    expect(slackProblems(s)).toEqual([]);
    const slackText = JSON.stringify(s);
    expect(s.text).toMatch(/^Shop <UK> & \*co\*: System Unreachable\. Since \d{4}-\d\d-\d\d \d\d:\d\d E[SD]T\.$/);
    expect(s.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Shop <UK> & *co*: System Unreachable", emoji: true },
    });
    // User text is escaped for mrkdwn: no link or mention can be smuggled in through a connector name.
    expect(slackText).toContain("Shop &lt;UK&gt; &amp; *co*");
    expect(slackText).toContain("*Status*\\nSystem Unreachable");
    expect(slackText).toMatch(/\*Since\*\\n\d{4}-\d\d-\d\d \d\d:\d\d E[SD]T/);
    expect(slackText).toContain("*What to check*");
    expect(s.blocks.at(-1)).toMatchObject({
      type: "actions",
      elements: [{ type: "button", url: expect.stringMatching(new RegExp(`/connectors/${c.id}$`)) }],
    });

    expect(teams.requests).toHaveLength(1);
    const t = JSON.parse(teams.requests[0].body) as { attachments: { content: Json }[] };
    expect(teamsProblems(t)).toEqual([]);
    expect(teams.requests[0].path).toBe("/workflows/wf1/triggers/manual/paths/invoke?sig=S3cr3tSig");
    const card = t.attachments[0].content as { body: Json[]; actions: Json[] };
    expect(card.body[0]).toMatchObject({ type: "TextBlock", text: "Shop <UK> & *co*: System Unreachable" });
    const facts = (card.body[2] as { facts: { title: string; value: string }[] }).facts;
    expect(facts.map((f) => f.title)).toEqual(["Status", "Since", "Reason", "What to check"]);
    expect(facts[1].value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d E[SD]T$/);
    expect(card.actions).toEqual([
      {
        type: "Action.OpenUrl",
        title: "Open the connector",
        url: expect.stringMatching(new RegExp(`/connectors/${c.id}$`)),
      },
    ]);

    const log = await listWebhookDeliveries(db(), { orgId: org.orgId });
    expect(log.map((l) => [l.kind, l.ok, l.httpStatus]).sort()).toEqual([
      ["slack", true, 200],
      ["teams", true, 202],
    ]);
  });

  it("store the URL only encrypted, show it masked, and never hand the full URL to the browser", async () => {
    const org = await createOrganisation(db());
    current = org.admin;
    try {
      const url = "https://hooks.slack.com/services/T0000/B0000/TopSecretToken42";
      const state = await registerChatChannelAction(initialFormState, formOf({ kind: "slack", url }));
      expect(state).toMatchObject({ ok: true, message: expect.stringMatching(/^Slack channel added/) });
      expect(JSON.stringify(state)).not.toContain("TopSecretToken42");
      const refused = await registerChatChannelAction(
        initialFormState,
        formOf({ kind: "teams", url: "https://example.com/TopSecretToken43" }),
      );
      expect(refused.ok).toBe(false);
      expect(JSON.stringify(refused)).not.toContain("TopSecretToken43");
    } finally {
      current = null;
    }
    const [stored] = await db().select().from(webhooks).where(eq(webhooks.orgId, org.orgId));
    expect(stored.kind).toBe("slack");
    expect(stored.secret).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain("TopSecretToken42");
    const listed = await listWebhooks(db(), { orgId: org.orgId });
    expect(listed).toEqual([
      {
        id: stored.id,
        kind: "slack",
        url: "https://hooks.slack.com/services/…en42",
        active: true,
        createdAt: expect.any(Date),
      },
    ]);
  });

  it("send a test message on request, and retry a failed message with back-off, logging every attempt", async () => {
    const org = await createOrganisation(db());
    const { id } = await registerChatChannel(
      db(),
      org.admin,
      { kind: "slack", url: SLACK_URL("test1") },
      { allowPrivateNetworks: true },
    );
    expect(await sendTestEvent(db(), org.admin, { webhookId: id })).toBe("slack");
    let calls = 0;
    slack.handle((req, res) => (++calls < 2 ? json(res, 500, {}) : answerLike(slackProblems, 200)(req, res)));
    expect(await deliver()).toMatchObject({ retrying: 1 });
    await db()
      .update(outbox)
      .set({ nextAttemptAt: sql`now()` })
      .where(eq(outbox.webhookId, id)); // time passes
    expect(await deliver()).toMatchObject({ delivered: 1 });
    const body = JSON.parse(slack.requests[1].body) as { text: string };
    expect(body.text).toMatch(
      /^Test message from Patchbay \(Test connector: Failed Authentication\)\. Since .* UTC\.$/,
    );
    const log = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id));
    expect(log.map((l) => [l.attempt, l.ok, l.httpStatus]).sort()).toEqual([
      [1, false, 500],
      [2, true, 200],
    ]);
  });

  it("pass the address guard: a private address is refused when registered and again at connect time", async () => {
    const org = await createOrganisation(db());
    await expect(
      registerChatChannel(db(), org.admin, { kind: "slack", url: SLACK_URL("x") }, { allowPrivateNetworks: false }),
    ).rejects.toMatchObject({ code: "INVALID", fieldErrors: { url: [expect.stringMatching(/https/)] } });
    // A real Slack address whose name resolves to loopback: registered, then refused at connect time.
    const { id } = await registerChatChannel(
      db(),
      org.admin,
      { kind: "slack", url: "https://hooks.slack.com/services/T1/B2/rebound" },
      { allowPrivateNetworks: false },
    );
    await sendTestEvent(db(), org.admin, { webhookId: id });
    expect(await deliver({ allowPrivateNetworks: false, lookup: fixedLookup("127.0.0.1") })).toMatchObject({
      retrying: 1,
    });
    const [log] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id));
    expect(log).toMatchObject({ ok: false, httpStatus: null, error: expect.stringMatching(/private or reserved/) });
    expect(slack.requests).toHaveLength(0);
  });

  it("accept each vendor's documented URL forms and refuse others, naming the field", async () => {
    const strict = { allowPrivateNetworks: false };
    const ok = (kind: "slack" | "teams", url: string) => chatUrlProblem(kind, new URL(url), strict);
    expect(
      ok("slack", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
    ).toBeUndefined();
    expect(ok("slack", "http://hooks.slack.com/services/T0/B0/X")).toMatch(/https/);
    expect(ok("slack", "https://hooks.slack.com.evil.example/services/T0/B0/X")).toMatch(/Slack incoming-webhook URL/);
    expect(ok("slack", "https://hooks.slack.com/triggers/T0/1/x")).toMatch(/Slack incoming-webhook URL/);
    expect(
      ok("teams", "https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=x"),
    ).toBeUndefined();
    expect(ok("teams", "https://contoso.webhook.office.com/webhookb2/a@b/IncomingWebhook/c/d")).toBeUndefined();
    expect(
      ok("teams", "https://default1.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/x"),
    ).toBeUndefined();
    expect(ok("teams", "https://webhook.office.com.evil.example/x")).toMatch(/Teams Workflows/);
    expect(ok("teams", "https://user:pw@contoso.webhook.office.com/x")).toMatch(/user name or password/);
    const org = await createOrganisation(db());
    await expect(
      registerChatChannel(db(), org.admin, { kind: "teams", url: "https://example.com/hook" }, strict),
    ).rejects.toMatchObject({ code: "INVALID", fieldErrors: { url: [expect.stringMatching(/Teams/)] } });
    expect(maskChatUrl("https://hooks.slack.com/services/T000/B000/AbCdEfGh1234")).toBe(
      "https://hooks.slack.com/services/…1234",
    );
  });
});

function formOf(fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe("chat message text", () => {
  it("keeps text we did not write from becoming a Teams link", async () => {
    const { teamsEscape } = await import("@/lib/notifications/chat-message");
    expect(teamsEscape("see [here](https://evil.example) now")).toBe("see [here] (https://evil.example) now");
  });
});
