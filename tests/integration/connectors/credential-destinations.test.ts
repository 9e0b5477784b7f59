import { randomBytes, randomUUID } from "node:crypto";
import net, { type AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import type { Dispatcher } from "undici";
import { auditEvents, connectors } from "@/db/schema";
import { getTimeline } from "@/db/queries/connector-history";
import { listConnectorAudit } from "@/db/queries/audit";
import { updateConnectorCredentials } from "@/lib/connectors/update";
import { decryptCredentials } from "@/lib/crypto/credentials";
import { listSystems } from "@/lib/systems";
import { destinationFields, retypeSecretMessage, secretFields } from "@/lib/systems/destination";
import { fieldSchema } from "@/lib/systems/schema";
import type { AuthTypeDef, CredentialField, SystemDef } from "@/lib/health/contract";
import { useTestDb } from "../../helpers/db";
import { createConnector, createOrganisation } from "../../helpers/factories";
import { sshKeyPair } from "../../helpers/sftp-server";
import { json, routeTo, startEmulator } from "../../helpers/vendor-mock";

/**
 * A stored secret only goes where it was entered for. For every system, auth type and destination field in the
 * registry: the field is changed to point at a socket this test listens on (url and host fields at 127.0.0.1:<port>;
 * every other field's change would reach it too, since every HTTP request is routed there and every other url, host
 * and port field already points there), with the secrets left blank. The save must be refused with a message on each
 * secret, audited without values, and the socket must accept no connection. With the secrets typed again, the same
 * change reaches the socket: the setup would catch a leak.
 */
const db = useTestDb();
let server: net.Server;
let port = 0;
let accepted = 0;
let dispatcher: Dispatcher;
let admin: Awaited<ReturnType<typeof createOrganisation>>["admin"];

beforeAll(async () => {
  server = net.createServer((socket) => {
    accepted++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  dispatcher = routeTo(`http://127.0.0.1:${port}`);
  ({ admin } = await createOrganisation(db()));
});
// One live connector per system per group: each case starts from none.
afterEach(() => db().delete(connectors).where(eq(connectors.orgId, admin.orgId)));
afterAll(async () => {
  await dispatcher.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const key = (...parts: string[]) => parts.join("/");
const withSecrets = (a: AuthTypeDef) => secretFields(a).length > 0;
const ALL = listSystems().flatMap((system) => system.authTypes.map((authType) => ({ system, authType })));
const CASES = ALL.filter(({ authType }) => withSecrets(authType)).flatMap(({ system, authType }) =>
  destinationFields(authType).map((field) => ({ system, authType, field })),
);

/** Valid values for a field, distinct after normalising: hand-picked shapes first, then strings generated from its pattern. */
const found = new WeakMap<CredentialField, string[]>();
function validValues(field: CredentialField): string[] {
  const cached = found.get(field);
  if (cached) return cached;
  const hex = () => randomBytes(10).toString("hex");
  const byKind: Record<CredentialField["kind"], () => string[]> = {
    url: () => [
      "https://vendor-a.example.com",
      "https://vendor-b.example.com",
      "https://vendor-a.example.com/b1s/v1",
      "https://vendor-b.example.com/b1s/v2",
    ],
    host: () => ["vendor-a.example.com", "vendor-b.example.com"],
    number: () => ["2", "3"],
    select: () => field.options?.map((o) => o.value) ?? [],
    text: () => ["alpha01", "bravo02", "12345", "67890"],
    password: () => [`pw-${hex()}`, `ck_${hex()}`, `cs_${hex()}`, randomUUID(), `sbx_${hex()}`],
    textarea: () => [sshKeyPair().private],
  };
  const generated = field.pattern
    ? fc.sample(fc.stringMatching(new RegExp(field.pattern.regex.source)), { numRuns: 300, seed: 10 })
    : [];
  const seen = new Set<string>();
  for (const raw of [...byKind[field.kind](), ...generated]) {
    const parsed = fieldSchema(field).safeParse(raw);
    if (parsed.success && parsed.data !== "") seen.add(parsed.data);
  }
  const values = [...seen]; // as stored: normalised
  found.set(field, values);
  return values;
}

/** Where the socket is, in the field's own terms, when the field can say it. */
function socketValue(field: CredentialField): string | undefined {
  const options: Partial<Record<CredentialField["kind"], string[]>> = {
    url: [`http://127.0.0.1:${port}`, `https://127.0.0.1:${port}`, `https://127.0.0.1:${port}/b1s/v1`],
    host: ["127.0.0.1"],
    number: [String(port)],
  };
  for (const raw of options[field.kind] ?? []) {
    const parsed = fieldSchema(field).safeParse(raw);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

/** Stored credentials aimed at the socket, except the field under test, which starts somewhere else. */
function setUp(authType: AuthTypeDef, target: CredentialField) {
  const stored: Record<string, string> = {};
  for (const f of authType.fields) {
    const values = validValues(f);
    stored[f.key] = f === target ? values[0] : (socketValue(f) ?? values[0]);
  }
  const [before, other] = validValues(target);
  const towardsSocket = socketValue(target);
  const after = towardsSocket && towardsSocket !== before ? towardsSocket : other;
  return { stored: { ...stored, [target.key]: before }, after };
}

async function connectorWith(system: SystemDef, authType: AuthTypeDef, stored: Record<string, string>) {
  const row = await createConnector(db(), admin.orgId, {
    systemId: system.id,
    authType: authType.id,
    credentials: stored,
  });
  // The address guard must not be what keeps the secret at home.
  await db().update(connectors).set({ allowPrivateNetwork: true }).where(eq(connectors.id, row.id));
  return row;
}

const attempt = (connectorId: string, authType: AuthTypeDef, credentials: Record<string, string>) =>
  updateConnectorCredentials(
    db(),
    admin,
    { connectorId, authType: authType.id, credentials, saveOffline: false },
    { checkOverrides: { dispatcher, timeoutMs: 3000 } },
  );

/** Audit rows carry names only: no secret (nor a line of a multi-line one), no typed address. */
function expectNoValues(rows: unknown[], values: string[]) {
  const text = JSON.stringify(rows);
  for (const v of values.flatMap((s) => s.split("\n")).filter((s) => s.length >= 8 && !s.startsWith("-----")))
    expect(text).not.toContain(v);
}

describe("the registry walk covers everything", () => {
  it("lists exactly which auth types have nothing to protect or nothing that steers, and which fields are narrowed", () => {
    expect(
      ALL.filter(({ authType }) => !withSecrets(authType)).map(({ system, authType }) => key(system.id, authType.id)),
    ).toEqual(["inbound-api/platform", "prima/none"]);
    expect(
      ALL.filter(({ authType }) => withSecrets(authType) && destinationFields(authType).length === 0).map(
        ({ system, authType }) => key(system.id, authType.id),
      ),
    ).toEqual(["citrus-lime/api-key", "ometria/api-key", "sandbox/api-key", "veeqo/api-key"]);
    const narrowed = ALL.flatMap(({ system, authType }) =>
      authType.fields
        .filter((f) => !f.secret && !destinationFields(authType).includes(f))
        .map((f) => key(system.id, authType.id, f.key)),
    );
    expect(narrowed).toEqual(["bleckmann-sftp/password/root", "sftp/password/root", "the-edge/password/root"]);
    // Every other non-secret field of an auth type with secrets is walked below.
    const nonSecret = ALL.filter(({ authType }) => withSecrets(authType)).reduce(
      (n, { authType }) => n + authType.fields.filter((f) => !f.secret).length,
      0,
    );
    expect(CASES.length).toBe(nonSecret - narrowed.length);
    expect(CASES.length).toBeGreaterThan(90);
  });

  it("finds two valid values for every field, so no case is skipped", () => {
    for (const { authType } of ALL)
      for (const f of authType.fields)
        expect([key(authType.id, f.key), validValues(f).length >= (f.secret ? 1 : 2)]).toEqual([
          key(authType.id, f.key),
          true,
        ]);
  });
});

describe.each(CASES.map((c) => [key(c.system.id, c.authType.id, c.field.key), c] as const))(
  "%s",
  (_name, { system, authType, field }) => {
    it("changed with the secrets left blank: refused with a message on each secret, audited without values, no connection made", async () => {
      const { stored, after } = setUp(authType, field);
      const row = await connectorWith(system, authType, stored);
      const secrets = secretFields(authType).filter((f) => stored[f.key]);
      const blanks = Object.fromEntries(secrets.map((f) => [f.key, ""]));
      const acceptedBefore = accepted;
      // Unchanged (the stored, normalised values as the form sends them back): nothing to refuse, nothing to check.
      expect(await attempt(row.id, authType, { ...stored, ...blanks })).toEqual({ changed: [], result: undefined });
      const submitted = { ...stored, [field.key]: after, ...blanks };

      const refusal = await attempt(row.id, authType, submitted).catch((e: unknown) => e);
      expect(accepted - acceptedBefore).toBe(0); // connections the socket accepted
      expect(refusal).toMatchObject({ code: "INVALID" });
      const { fieldErrors } = refusal as { fieldErrors: Record<string, string[]> };
      expect(fieldErrors).toEqual(
        Object.fromEntries(secrets.map((f) => [`credentials.${f.key}`, [retypeSecretMessage(f, [field])]])),
      );

      const [stillStored] = await db().select().from(connectors).where(eq(connectors.id, row.id));
      expect(decryptCredentials(row.id, stillStored.credentials)).toEqual(stored);
      const audit = await listConnectorAudit(db(), { orgId: admin.orgId, connectorId: row.id });
      expect(audit).toEqual([
        expect.objectContaining({
          action: "connector.credentials_refused",
          actorName: admin.name,
          fields: [field.key, ...secrets.map((f) => f.key)],
        }),
      ]);
      expect(audit[0].summary).toContain(`the ${field.label} changed`);
      expectNoValues(
        audit,
        [...secrets.map((f) => stored[f.key]), after, stored[field.key]].filter(
          (v) => !field.label.includes(v) && !(field.options ?? []).some((o) => o.value === v),
        ),
      );
    });

    it("changed with the secrets typed again: the check runs and reaches the new address (a refusal by the check is audited)", async () => {
      const { stored, after } = setUp(authType, field);
      const row = await connectorWith(system, authType, stored);
      const acceptedBefore = accepted;

      const outcome = await attempt(row.id, authType, { ...stored, [field.key]: after }).catch((e: unknown) => e);
      expect(accepted).toBeGreaterThan(acceptedBefore);
      // The socket hangs up at once, so the check finds the system unreachable and refuses the save.
      expect(outcome).toMatchObject({
        code: "INVALID",
        check: { status: "unreachable" },
        fieldErrors: { saveOffline: [expect.any(String)] },
      });
      const audit = await listConnectorAudit(db(), { orgId: admin.orgId, connectorId: row.id });
      expect(audit).toEqual([
        expect.objectContaining({
          action: "connector.credentials_refused",
          fields: [field.key],
          summary: expect.stringMatching(/could not be reached \([a-z_]+\)$/),
        }),
      ]);
      expectNoValues(
        audit,
        secretFields(authType).map((f) => stored[f.key]),
      );
    });
  },
);

describe("around the rule", () => {
  const magento = listSystems().find((s) => s.id === "magento2")!;
  const sftp = listSystems().find((s) => s.id === "sftp")!;

  it("compares normalised values: the stored address typed another way is no change", async () => {
    const [authType] = magento.authTypes;
    const row = await connectorWith(magento, authType, {
      baseUrl: "https://shop.example.com",
      accessToken: "mg-token-0123456789abcdef",
    });
    expect(await attempt(row.id, authType, { baseUrl: " https://shop.example.com/ ", accessToken: "" })).toEqual({
      changed: [],
      result: undefined,
    });
  });

  it("shows a refusal in Recent changes and the timeline by field name, and changes no status", async () => {
    const [authType] = magento.authTypes;
    const token = "mg-token-0123456789abcdef";
    const row = await connectorWith(magento, authType, { baseUrl: "https://shop.example.com", accessToken: token });
    const evil = `http://127.0.0.1:${port}/steal`;
    await expect(attempt(row.id, authType, { baseUrl: evil, accessToken: "" })).rejects.toMatchObject({
      message:
        "Not saved: the Store URL changed, so type the Access token again. A stored secret is only sent where it was entered for.",
    });
    const timeline = await getTimeline(db(), { orgId: admin.orgId, connectorId: row.id });
    expect(timeline).toEqual([
      expect.objectContaining({
        kind: "change",
        action: "connector.credentials_refused",
        summary:
          "Refused a credentials change: the Store URL changed but the Access token was not typed again, so the stored value was not sent anywhere",
        fields: ["baseUrl", "accessToken"],
      }),
    ]);
    const rows = await db().select().from(auditEvents).where(eq(auditEvents.connectorId, row.id));
    expectNoValues(rows, [token, evil]);
    expect((await db().select().from(connectors).where(eq(connectors.id, row.id)))[0]).toMatchObject({
      status: "unknown",
      lastCheckedAt: null,
    });
  });

  it("lets a field that cannot steer the credentials change without the secret (SFTP root folder): the check reaches the same host", async () => {
    const authType = sftp.authTypes.find((a) => a.id === "password")!;
    const stored = {
      host: "127.0.0.1",
      port: String(port),
      username: "acme",
      password: "sftp-pass-0123456789",
      root: "/",
    };
    const row = await connectorWith(sftp, authType, stored);
    const acceptedBefore = accepted;
    await expect(attempt(row.id, authType, { ...stored, root: "/outbound", password: "" })).rejects.toMatchObject({
      check: { status: "unreachable" },
    });
    expect(accepted).toBeGreaterThan(acceptedBefore);
  });

  it("asks only for the stored secrets, not an optional one that was never set", async () => {
    const authType = sftp.authTypes.find((a) => a.id === "ssh-key")!;
    const stored = {
      host: "sftp.example.com",
      port: "22",
      username: "acme",
      privateKey: sshKeyPair().private,
      passphrase: "",
      hostFingerprint: "",
    };
    const row = await connectorWith(sftp, authType, stored);
    await expect(
      attempt(row.id, authType, { ...stored, host: "127.0.0.1", privateKey: "", passphrase: "" }),
    ).rejects.toMatchObject({
      fieldErrors: {
        "credentials.privateKey": [
          "Type the Private key again: the Host changed, so the stored value will not be sent to the new address.",
        ],
      },
    });
    const refusal = await attempt(row.id, authType, {
      ...stored,
      host: "127.0.0.1",
      privateKey: "",
      passphrase: "",
    }).catch((e: unknown) => (e as { fieldErrors: object }).fieldErrors);
    expect(Object.keys(refusal)).toEqual(["credentials.privateKey"]);
  });

  it("needs every stored secret: typing one of several again is not enough", async () => {
    const netsuite = listSystems().find((s) => s.id === "netsuite")!;
    const [authType] = netsuite.authTypes;
    const stored = Object.fromEntries(authType.fields.map((f) => [f.key, validValues(f)[0]]));
    const row = await connectorWith(netsuite, authType, stored);
    const other = validValues(authType.fields.find((f) => f.key === "accountId")!).find((v) => v !== stored.accountId)!;
    const acceptedBefore = accepted;
    const refusal = await attempt(row.id, authType, {
      ...stored,
      accountId: other,
      consumerSecret: "",
      tokenSecret: "",
    }).catch((e: unknown) => (e as { fieldErrors: object }).fieldErrors);
    expect(Object.keys(refusal).sort()).toEqual(["credentials.consumerSecret", "credentials.tokenSecret"]);
    expect(accepted).toBe(acceptedBefore);
  });

  it("audits a refusal by the check too (wrong credentials), with the reason code and no value", async () => {
    const [authType] = magento.authTypes;
    const emulator = await startEmulator((_req, res) =>
      json(res, 401, { message: "The consumer isn't authorized to access %resources." }),
    );
    try {
      const row = await connectorWith(magento, authType, {
        baseUrl: "https://shop.example.com",
        accessToken: "mg-token-0123456789abcdef",
      });
      const typed = "mg-token-fedcba9876543210";
      const save = updateConnectorCredentials(
        db(),
        admin,
        {
          connectorId: row.id,
          authType: authType.id,
          credentials: { baseUrl: "https://shop.example.com", accessToken: typed },
          saveOffline: false,
        },
        { checkOverrides: { dispatcher: emulator.dispatcher, timeoutMs: 3000 } },
      );
      await expect(save).rejects.toMatchObject({ check: { status: "auth_failed" } });
      const audit = await listConnectorAudit(db(), { orgId: admin.orgId, connectorId: row.id });
      expect(audit).toEqual([
        expect.objectContaining({
          action: "connector.credentials_refused",
          fields: ["accessToken"],
          summary: expect.stringMatching(
            /^Refused a credentials change \(accessToken\): authentication failed \([a-z_]+\)$/,
          ),
        }),
      ]);
      expectNoValues(audit, [typed, "mg-token-0123456789abcdef"]);
    } finally {
      await emulator.close();
    }
  });

  it("never fills a new auth type's secret from storage: switching types needs every field typed", async () => {
    const password = sftp.authTypes.find((a) => a.id === "password")!;
    const sshKey = sftp.authTypes.find((a) => a.id === "ssh-key")!;
    const stored = {
      host: "127.0.0.1",
      port: String(port),
      username: "acme",
      password: "sftp-pass-0123456789",
      root: "/",
    };
    const row = await connectorWith(sftp, password, stored);
    const acceptedBefore = accepted;
    await expect(
      attempt(row.id, sshKey, {
        host: "127.0.0.1",
        port: String(port),
        username: "acme",
        privateKey: "",
        passphrase: "",
      }),
    ).rejects.toMatchObject({
      fieldErrors: { "credentials.privateKey": ["Private key is required."] },
    });
    expect(accepted).toBe(acceptedBefore);
  });
});
