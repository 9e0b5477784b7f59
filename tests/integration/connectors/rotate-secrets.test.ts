import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { connectors } from "@/db/schema";
import { decryptCredentials } from "@/lib/crypto/credentials";
import { rotateConnectorSecrets } from "@/lib/crypto/rotate";
import { createKeyring } from "@/lib/crypto/secrets";
import { useTestDb } from "../../helpers/db";
import { createConnector, createOrganisation } from "../../helpers/factories";

const db = useTestDb();

describe("secrets:rotate", () => {
  it("re-encrypts every connector with the new key; old keys still read until then; a second run changes nothing", async () => {
    const { orgId } = await createOrganisation(db());
    const a = await createConnector(db(), orgId, {
      systemId: "veeqo",
      authType: "api-key",
      credentials: { apiKey: "vq_a_0123456789abcdef" },
    });
    const b = await createConnector(db(), orgId, {
      systemId: "veeqo",
      authType: "api-key",
      credentials: { apiKey: "vq_b_0123456789abcdef" },
      environment: "test",
    });
    const oldKey = process.env.CONNECTOR_SECRETS_KEY!;
    const next = createKeyring(randomBytes(32).toString("base64"), [oldKey]);
    expect(decryptCredentials(a.id, a.credentials, next)).toEqual({ apiKey: "vq_a_0123456789abcdef" });

    expect(await rotateConnectorSecrets(db(), next, 1)).toMatchObject({ rotated: 2, unreadable: [] });
    for (const c of [a, b]) {
      const [row] = await db().select().from(connectors).where(eq(connectors.id, c.id));
      expect(row.credentialsKeyId).toBe(next.currentId);
      expect(row.credentials).not.toBe(c.credentials);
      expect(
        decryptCredentials(
          c.id,
          row.credentials,
          createKeyring(Buffer.from(next.keys.get(next.currentId)!).toString("base64")),
        ),
      ).toEqual(decryptCredentials(c.id, c.credentials));
    }
    expect(await rotateConnectorSecrets(db(), next)).toMatchObject({ rotated: 0 });
  });

  it("reports connectors no configured key can open, without changing them", async () => {
    const { orgId } = await createOrganisation(db());
    const c = await createConnector(db(), orgId, {
      systemId: "veeqo",
      authType: "api-key",
      credentials: { apiKey: "vq_c_0123456789abcdef" },
    });
    const stranger = createKeyring(randomBytes(32).toString("base64"));
    const { unreadable } = await rotateConnectorSecrets(db(), stranger);
    expect(unreadable).toContain(c.id);
    expect((await db().select().from(connectors).where(eq(connectors.id, c.id)))[0].credentials).toBe(c.credentials);
  });
});
