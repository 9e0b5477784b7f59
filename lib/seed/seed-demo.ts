import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import { insertCompanyGroup } from "@/db/queries/company-groups";
import { insertConnector } from "@/db/queries/connectors";
import { insertDemoHistory } from "@/db/queries/demo-history";
import { insertOrganisation } from "@/db/queries/organisations";
import { setSandboxAccountMode } from "@/db/queries/sandbox";
import { insertServices } from "@/db/queries/services";
import { insertSyncRuns } from "@/db/queries/sync-runs-ingest";
import { findUserByEmail, insertUsers } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { encryptCredentials } from "@/lib/crypto/credentials";
import { registerSandboxAccount } from "@/lib/sandbox/accounts";
import { getSystem } from "@/lib/systems";
import { DEMO_CONNECTORS, DEMO_GROUPS, DEMO_ORG, DEMO_PASSWORD, DEMO_SERVICES, DEMO_USERS } from "./demo-data";
import { generateStatusHistory } from "./status-history";
import { generateSyncRuns } from "./sync-history";

/** The demo data refers to its own entries by name or key: one it does not define is a mistake in demo-data.ts. */
function known<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The demo data names an unknown ${what}.`);
  return value;
}

export async function isDemoSeeded(db: Db): Promise<boolean> {
  return !!(await findUserByEmail(db, DEMO_USERS[0].email));
}

/** Fills the demo organisation in one transaction (all or nothing). Returns false when it already exists. */
export async function seedDemo(db: Db, { now = new Date(), days = 30 } = {}): Promise<boolean> {
  if (await isDemoSeeded(db)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const org = await insertOrganisation(tx, { name: DEMO_ORG });
    const groups: { id: string; name: string }[] = [];
    for (const name of DEMO_GROUPS)
      groups.push(await insertCompanyGroup(tx, { orgId: org.id, name, isDefault: name === "Default" }));
    const groupId = (name: string) =>
      known(
        groups.find((g) => g.name === name),
        `company group "${name}"`,
      ).id;
    await insertUsers(
      tx,
      DEMO_USERS.map((u) => ({ ...u, orgId: org.id, passwordHash })),
    );

    const connectorIds = new Map<string, string>();
    const histories = new Map(
      DEMO_CONNECTORS.flatMap((c, i) =>
        c.history ? [[c.key, generateStatusHistory(c.history, { now, seed: 2000 + i })] as const] : [],
      ),
    );
    await insertConnector(
      tx,
      DEMO_CONNECTORS.map((c) => {
        const id = randomUUID();
        connectorIds.set(c.key, id);
        return {
          ...histories.get(c.key)?.state,
          id,
          orgId: org.id,
          companyGroupId: groupId(c.group),
          systemId: c.systemId,
          authType: c.authType,
          environment: c.environment,
          name: c.name,
          timeZone: c.timeZone ?? "Europe/London",
          ...encryptCredentials(id, c.credentials),
        };
      }),
    );

    // Connectors of a pretend vendor get its account, in the behaviour the demo wants.
    for (const c of DEMO_CONNECTORS.filter((d) => getSystem(d.systemId)?.capabilities?.sandboxModes)) {
      const connectorId = known(connectorIds.get(c.key), `connector "${c.key}"`);
      await registerSandboxAccount(tx, { orgId: org.id, connectorId, name: c.name, apiKey: c.credentials.apiKey });
      if (c.sandboxMode) await setSandboxAccountMode(tx, { orgId: org.id, connectorId, mode: c.sandboxMode });
    }
    for (const [key, history] of histories)
      await insertDemoHistory(tx, {
        orgId: org.id,
        connectorId: known(connectorIds.get(key), `connector "${key}"`),
        ...history,
      });

    const serviceRows = await insertServices(
      tx,
      DEMO_SERVICES.map((s) => ({
        orgId: org.id,
        name: s.name,
        active: s.active ?? true,
        sourceConnectorId: known(connectorIds.get(s.from), `connector "${s.from}"`),
        destinationConnectorId: known(connectorIds.get(s.to), `connector "${s.to}"`),
      })),
    );

    const runs = generateSyncRuns(
      DEMO_SERVICES.map((s, i) => ({
        ...s,
        id: known(
          serviceRows.find((r) => r.name === s.name),
          `service "${s.name}"`,
        ).id,
        index: i,
      })),
      { now, days },
    ).map((r) => ({ ...r, orgId: org.id }));
    await insertSyncRuns(tx, runs);
  });
  return true;
}
