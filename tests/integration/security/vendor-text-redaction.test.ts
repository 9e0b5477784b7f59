import { eq } from "drizzle-orm";
import fc from "fast-check";
import { GET as getOne } from "@/app/api/v1/connectors/[id]/route";
import { connectors, healthChecks, outbox, statusEvents } from "@/db/schema";
import { createApiToken } from "@/lib/api-tokens/manage";
import { vendorText } from "@/lib/health/vendor-text";
import { checkConnector } from "@/lib/checks/check-connector";
import { deliverOutbox } from "@/lib/notifications/deliver";
import { createMailer } from "@/lib/notifications/mailer";
import { registerWebhook } from "@/lib/notifications/webhooks";
import { call, type OneConnector } from "../api/api-fixtures";
import { useTestDb } from "../../helpers/db";
import { createOrganisation } from "../../helpers/factories";
import { fakeSystem } from "../../helpers/fake-systems";
import { addFakeConnectors } from "../../helpers/health";
import { describeVendorText, leakedIn, renderVendorText, secretArb, vendorTextArb } from "../../helpers/secret-leaks";
import { type Emulator, startEmulator } from "../../helpers/vendor-mock";
import { captureLogs } from "../../helpers/captured-logs";
import { type MailServer, startMailServer } from "../notifications/mail-server";

/**
 * Every way a check's text leaves Patchbay, end to end: a local vendor echoes the token it received in a random
 * encoding; the check is stored; the API answers; the webhook POST and the e-mail go out through local servers; and
 * every log line written meanwhile is captured. None may hold an 8-character piece of the token in any encoding.
 */
const db = useTestDb();
let vendor: Emulator;
let receiver: Emulator;
let mail: MailServer;
let echo: (sent: string) => string = () => "";

// A probe like the real ones: the vendor's error text read from JSON, handed over marked, the token in a header.
const system = fakeSystem({
  probe: async ({ credentials: c, http }) => {
    const res = await http.request(c.url, { headers: { authorization: `Bearer ${c.token}` } });
    const said = res.json<{ error?: { message?: unknown; hint?: unknown } }>()?.error;
    return {
      status: "auth_failed",
      reason: "invalid_credentials",
      httpStatus: res.status,
      message: `The vendor refused the token (${vendorText(said?.message, 160) ?? "no text"}).`,
      hint: vendorText(said?.hint, 120),
    };
  },
});

beforeAll(async () => {
  vendor = await startEmulator((req, res) => {
    const text = echo((req.headers.authorization ?? "").replace(/^Bearer /, ""));
    res.writeHead(401, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: text, hint: `Your token was ${text}` } }));
  });
  receiver = await startEmulator();
  mail = await startMailServer();
});
afterAll(async () => {
  await vendor.close();
  await receiver.close();
  await mail.close();
});

describe("a vendor echoing the token, through every exit", () => {
  it("leaves no piece of it in the stored check, the API answer, the webhook body, the e-mail or a log line", async () => {
    const logs = captureLogs();
    const smtp = createMailer({ smtpUrl: mail.url, from: "Patchbay <alerts@patchbay.test>" });
    // Without SMTP_URL (development) the e-mail is written to the log instead: that log line is an exit too.
    const toLog = createMailer({ smtpUrl: "", production: false });
    try {
      await fc.assert(
        fc.asyncProperty(
          secretArb.filter((s) => /^[\x20-\x7e]+$/.test(s)),
          vendorTextArb,
          fc.boolean(),
          async (secret, v, mailToLog) => {
            echo = (sent) => renderVendorText(v, sent);
            const org = await createOrganisation(db());
            await registerWebhook(db(), org.admin, { url: `${receiver.origin}/hook` }, { allowPrivateNetworks: true });
            const { token } = await createApiToken(db(), org.admin, { name: "Reader" });
            const [c] = await addFakeConnectors(db(), org.orgId, 1, () => ({
              url: `${vendor.origin}/me`,
              token: secret,
            }));
            logs.clear();
            const hooksBefore = receiver.requests.length;
            const mailsBefore = mail.messages.length;

            // Check now (unknown -> failed is news at once), then deliver what it enqueued.
            const now = await checkConnector(
              db(),
              { orgId: org.orgId, connectorId: c.id },
              { mode: "now", config: { resolveSystem: () => system, allowPrivateNetworks: true, timeoutMs: 2000 } },
            );
            expect(now.result.reason).toBe("invalid_credentials");
            expect(
              await deliverOutbox(db(), { mailer: mailToLog ? toLog : smtp, allowPrivateNetworks: true }),
            ).toMatchObject({ delivered: 2 });
            const mails = mailToLog ? [] : (await mail.waitFor(mailsBefore + 1)).slice(mailsBefore);
            const hooks = receiver.requests.slice(hooksBefore);
            expect(hooks).toHaveLength(1);

            const [row] = await db().select().from(connectors).where(eq(connectors.id, c.id));
            const checks = await db().select().from(healthChecks).where(eq(healthChecks.connectorId, c.id));
            const events = await db().select().from(statusEvents).where(eq(statusEvents.connectorId, c.id));
            const queued = await db().select().from(outbox).where(eq(outbox.orgId, org.orgId));
            const api = await call<OneConnector>(getOne, `/api/v1/connectors/${c.id}`, { token, params: { id: c.id } });
            expect(api.status).toBe(200);
            // Each exit really carries the check's text: a leak in it would show here.
            expect(api.json.data.message).toBe(row.lastMessage);
            expect(JSON.parse(hooks[0].body)).toMatchObject({ message: row.lastMessage, hint: row.lastHint });
            if (mailToLog)
              expect(logs.entries().map((e) => e.text)).toContainEqual(expect.stringContaining(row.lastMessage!));
            else expect(mails[0].text).toContain(row.lastMessage!);

            // Each value of a JSON exit on its own (see textsOf); mails and non-JSON log lines as written.
            const exits: Record<string, unknown[]> = {
              "check result": [now.result],
              "stored row": [row, checks, events, queued.map((q) => q.payload)],
              "API answer": [api.text, api.json],
              "webhook body": hooks.map((h) => h.body),
              "e-mail": mails.map((m) => `${m.subject}\n${m.text}`),
              "log lines": [...logs.lines],
            };
            for (const [exit, texts] of Object.entries(exits)) {
              for (const doc of texts) {
                const leaked = leakedIn(doc, secret);
                if (leaked.length > 0)
                  throw new Error(
                    `${exit} leaked ${JSON.stringify(leaked.slice(0, 3))} (vendor text: ${describeVendorText(v)}): ${JSON.stringify(doc).slice(0, 300)}`,
                  );
              }
            }
          },
        ),
        { numRuns: 12 },
      );
    } finally {
      smtp.close();
      logs.restore();
    }
  });
});
