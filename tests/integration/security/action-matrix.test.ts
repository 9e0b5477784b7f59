/**
 * Every server action, as each role, on its own organisation's records and on another organisation's.
 * The session is the boundary we replace (next-auth needs a request); everything behind it is real: the actions,
 * the permission table, the business functions and the database.
 */
import { eq } from "drizzle-orm";
import type { Role } from "@/db/schema";
import {
  companyGroups,
  connectors,
  maintenanceWindows,
  notificationGroupMembers,
  notificationGroups,
  outbox,
  resyncRequests,
  sandboxAccounts,
  services,
  syncRuns,
  users,
  webhooks,
} from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { can, type Action } from "@/lib/auth/permissions";
import type { FormState } from "@/lib/form-state";
import { registerSandboxAccount } from "@/lib/sandbox/accounts";
import { encryptWebhookSecret } from "@/lib/notifications/webhook-secret";
import { useTestDb } from "../../helpers/db";
import { createConnector, createMember, createOrganisation, uniqueEmail } from "../../helpers/factories";

let current: SessionUser | null = null;
jest.mock("@/lib/auth/session", () => ({
  requireUser: () =>
    current
      ? Promise.resolve(current)
      : Promise.reject(Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/login;307;" })),
}));
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));
jest.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;${to};307;` });
  },
}));

import * as connectorActions from "@/lib/actions/connectors";
import * as groupActions from "@/lib/actions/company-groups";
import * as sandboxActions from "@/lib/actions/sandbox";
import * as userActions from "@/lib/actions/users";
import * as notificationActions from "@/lib/actions/notifications";
import * as webhookActions from "@/lib/actions/webhooks";
import * as serviceActions from "@/lib/actions/services";
import * as operationsActions from "@/lib/actions/operations";
import * as resyncActions from "@/lib/actions/resync";

const db = useTestDb();
const ROLES: Role[] = ["administrator", "manager", "user", "read_only"];
type Org = {
  orgId: string;
  admin: SessionUser;
  groupId: string;
  connectorId: string;
  victimId: string;
  notificationGroupId: string;
  memberId: string;
  webhookId: string;
  sourceId: string;
  destinationId: string;
  serviceId: string;
  failedRunId: number;
};

async function makeOrg(): Promise<Org> {
  const { orgId, admin } = await createOrganisation(db());
  const [group] = await db().select().from(companyGroups).where(eq(companyGroups.orgId, orgId));
  const key = `sbx_matrix_${Math.random().toString(36).slice(2, 12)}`;
  const c = await createConnector(db(), orgId, {
    systemId: "sandbox",
    authType: "api-key",
    credentials: { apiKey: key },
    name: "Target",
  });
  await registerSandboxAccount(db(), { orgId, connectorId: c.id, name: "Target", apiKey: key });
  const victim = await createMember(db(), orgId, "user");
  const [ng] = await db().insert(notificationGroups).values({ orgId, name: "On call" }).returning();
  const [member] = await db()
    .insert(notificationGroupMembers)
    .values({ groupId: ng.id, email: "oncall@example.com" })
    .returning();
  const webhookId = crypto.randomUUID();
  await db()
    .insert(webhooks)
    .values({
      id: webhookId,
      orgId,
      url: "https://hooks.example.com/patchbay",
      ...encryptWebhookSecret(webhookId, "whsec_matrix"),
    });
  const [src, dst] = [
    await createConnector(db(), orgId, {
      systemId: "shopify",
      authType: "token",
      credentials: { k: "v" },
      name: "Svc source",
    }),
    await createConnector(db(), orgId, {
      systemId: "netsuite",
      authType: "tba",
      credentials: { k: "v" },
      name: "Svc destination",
    }),
  ];
  const [svc] = await db()
    .insert(services)
    .values({ orgId, name: "Orders", sourceConnectorId: src.id, destinationConnectorId: dst.id })
    .returning();
  const [run] = await db()
    .insert(syncRuns)
    .values({ orgId, serviceId: svc.id, externalId: "run-failed", startedAt: new Date(), status: "failed" })
    .returning();
  return {
    orgId,
    admin,
    groupId: group.id,
    connectorId: c.id,
    victimId: victim.id,
    notificationGroupId: ng.id,
    memberId: member.id,
    webhookId,
    sourceId: src.id,
    destinationId: dst.id,
    serviceId: svc.id,
    failedRunId: run.id,
  };
}

/** Everything an action could change in an organisation, to prove a refused action changed nothing. */
async function snapshot(orgId: string) {
  const [c, u, g, s, ng, ngm, wh, ob, sv, mw, rr] = await Promise.all([
    db().select().from(connectors).where(eq(connectors.orgId, orgId)),
    db().select().from(users).where(eq(users.orgId, orgId)),
    db().select().from(companyGroups).where(eq(companyGroups.orgId, orgId)),
    db().select().from(sandboxAccounts).where(eq(sandboxAccounts.orgId, orgId)),
    db().select().from(notificationGroups).where(eq(notificationGroups.orgId, orgId)),
    db()
      .select({ m: notificationGroupMembers })
      .from(notificationGroupMembers)
      .innerJoin(notificationGroups, eq(notificationGroups.id, notificationGroupMembers.groupId))
      .where(eq(notificationGroups.orgId, orgId)),
    db().select().from(webhooks).where(eq(webhooks.orgId, orgId)),
    db().select().from(outbox).where(eq(outbox.orgId, orgId)),
    db().select().from(services).where(eq(services.orgId, orgId)),
    db().select().from(maintenanceWindows).where(eq(maintenanceWindows.orgId, orgId)),
    db().select().from(resyncRequests).where(eq(resyncRequests.orgId, orgId)),
  ]);
  const strip = (rows: object[]) => rows.map((r) => ({ ...r, updatedAt: undefined, manualCheckAt: undefined }));
  // Each table's rows in a fixed order: without ORDER BY, Postgres returns them in the order of whichever plan it
  // picked, and a prepared statement's plan may change from one run to the next.
  const sorted = (rows: object[]) => rows.map((r) => JSON.stringify(r)).sort();
  return JSON.stringify([strip(c), strip(u), g, strip(s), ng, ngm, wh, ob, strip(sv), mw, rr].map(sorted));
}

const fd = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

/** `cross`: what an allowed role is told when the target belongs to another organisation (absent: the action has no target). */
type Case = { name: string; permission: Action; cross?: RegExp; run: (t: Org) => Promise<FormState> };
const CASES: Case[] = [
  {
    name: "create connector",
    cross: /company group/i,
    permission: "connectors.manage",
    run: (t) =>
      connectorActions.createConnectorAction(
        { ok: false },
        fd({
          systemId: "sandbox",
          authType: "api-key",
          environment: "test",
          name: `New ${Math.random()}`,
          timeZone: "UTC",
          dateFormat: "yyyy-MM-dd HH:mm",
          companyGroupId: t.groupId,
          "credentials.apiKey": `sbx_new_${Math.random().toString(36).slice(2, 12)}`,
          saveOffline: "on",
        }),
      ),
  },
  {
    name: "update general",
    cross: /not found/i,
    permission: "connectors.manage",
    run: (t) =>
      connectorActions.updateGeneralAction(
        { ok: false },
        fd({
          connectorId: t.connectorId,
          name: `Renamed ${Math.random()}`,
          timeZone: "UTC",
          dateFormat: "yyyy-MM-dd HH:mm",
        }),
      ),
  },
  {
    name: "update credentials",
    cross: /not found/i,
    permission: "connectors.manage",
    run: (t) =>
      connectorActions.updateCredentialsAction(
        { ok: false },
        fd({ connectorId: t.connectorId, systemId: "sandbox", authType: "api-key", "credentials.apiKey": "" }),
      ),
  },
  {
    name: "check now",
    cross: /not found/i,
    permission: "connectors.manage",
    run: (t) => connectorActions.checkNowAction({ ok: false }, fd({ connectorId: t.connectorId })),
  },
  {
    name: "delete connector",
    cross: /not found/i,
    permission: "connectors.manage",
    run: (t) =>
      connectorActions.deleteConnectorAction(
        { ok: false },
        fd({ connectorId: t.connectorId, confirmName: "wrong name" }),
      ),
  },
  {
    name: "sandbox mode",
    cross: /not found/i,
    permission: "sandbox.mode",
    run: (t) => sandboxActions.setSandboxModeAction({ ok: false }, fd({ connectorId: t.connectorId, mode: "down" })),
  },
  {
    name: "add user",
    permission: "users.manage",
    run: () => userActions.addUserAction({ ok: false }, fd({ name: "N", email: uniqueEmail(), role: "user" })),
  },
  {
    name: "change role",
    cross: /not found/i,
    permission: "users.manage",
    run: (t) => userActions.changeRoleAction({ ok: false }, fd({ userId: t.victimId, role: "manager" })),
  },
  {
    name: "remove user",
    cross: /not found/i,
    permission: "users.manage",
    run: (t) => userActions.removeUserAction({ ok: false }, fd({ userId: t.victimId })),
  },
  {
    name: "resend invitation",
    cross: /not found/i,
    permission: "users.manage",
    run: (t) => userActions.resendInvitationAction({ ok: false }, fd({ userId: t.victimId })),
  },
  {
    name: "delete company group",
    cross: /not found/i,
    permission: "company-groups.manage",
    run: (t) => groupActions.deleteCompanyGroupAction({ ok: false }, fd({ groupId: t.groupId })),
  },
  {
    name: "add company group",
    permission: "company-groups.manage",
    run: () => groupActions.addCompanyGroupAction({ ok: false }, fd({ name: `Group ${Math.random()}` })),
  },
  {
    name: "rename company group",
    cross: /not found/i,
    permission: "company-groups.manage",
    run: (t) =>
      groupActions.renameCompanyGroupAction(
        { ok: false },
        fd({ groupId: t.groupId, name: `Renamed ${Math.random()}` }),
      ),
  },
  {
    name: "create notification group",
    permission: "notifications.manage",
    run: () => notificationActions.createNotificationGroupAction({ ok: false }, fd({ name: `Group ${Math.random()}` })),
  },
  {
    name: "rename notification group",
    cross: /not found/i,
    permission: "notifications.manage",
    run: (t) =>
      notificationActions.renameNotificationGroupAction(
        { ok: false },
        fd({ groupId: t.notificationGroupId, name: `Renamed ${Math.random()}` }),
      ),
  },
  {
    name: "delete notification group",
    cross: /not found/i,
    permission: "notifications.manage",
    run: (t) =>
      notificationActions.deleteNotificationGroupAction({ ok: false }, fd({ groupId: t.notificationGroupId })),
  },
  {
    name: "add group member",
    cross: /not found/i,
    permission: "notifications.manage",
    run: (t) =>
      notificationActions.addGroupMemberAction(
        { ok: false },
        fd({ groupId: t.notificationGroupId, userId: "", email: uniqueEmail() }),
      ),
  },
  {
    name: "remove group member",
    cross: /not found/i,
    permission: "notifications.manage",
    run: (t) =>
      notificationActions.removeGroupMemberAction(
        { ok: false },
        fd({ groupId: t.notificationGroupId, memberId: t.memberId }),
      ),
  },
  {
    name: "connector notification group",
    cross: /not found/i,
    permission: "notifications.manage",
    run: (t) =>
      notificationActions.setConnectorNotificationGroupAction(
        { ok: false },
        fd({ connectorId: t.connectorId, groupId: t.notificationGroupId }),
      ),
  },
  {
    name: "register webhook",
    permission: "notifications.manage",
    run: () =>
      webhookActions.registerWebhookAction(
        { ok: false },
        fd({ url: `https://hooks.example.com/${Math.random().toString(36).slice(2)}` }),
      ),
  },
  {
    name: "add chat channel",
    permission: "notifications.manage",
    run: () =>
      webhookActions.registerChatChannelAction(
        { ok: false },
        fd({ kind: "teams", url: `https://prod-1.westeurope.logic.azure.com/workflows/${Math.random()}` }),
      ),
  },
  {
    name: "deactivate webhook",
    cross: /not found/i,
    permission: "notifications.manage",
    run: (t) => webhookActions.setWebhookActiveAction({ ok: false }, fd({ webhookId: t.webhookId, active: "false" })),
  },
  {
    name: "delete webhook",
    cross: /not found/i,
    permission: "notifications.manage",
    run: (t) => webhookActions.deleteWebhookAction({ ok: false }, fd({ webhookId: t.webhookId })),
  },
  {
    name: "send webhook test event",
    cross: /not found/i,
    permission: "notifications.manage",
    run: (t) => webhookActions.sendTestEventAction({ ok: false }, fd({ webhookId: t.webhookId })),
  },
  {
    name: "create service",
    cross: /not found/i,
    permission: "services.manage",
    run: (t) =>
      serviceActions.createServiceAction(
        { ok: false },
        fd({
          name: `Service ${Math.random()}`,
          sourceConnectorId: t.sourceId,
          destinationConnectorId: t.destinationId,
        }),
      ),
  },
  {
    name: "update service",
    cross: /not found/i,
    permission: "services.manage",
    run: (t) =>
      serviceActions.updateServiceAction(
        { ok: false },
        fd({
          serviceId: t.serviceId,
          name: `Renamed ${Math.random()}`,
          sourceConnectorId: t.sourceId,
          destinationConnectorId: t.destinationId,
        }),
      ),
  },
  {
    name: "deactivate service",
    cross: /not found/i,
    permission: "services.manage",
    run: (t) => serviceActions.setServiceActiveAction({ ok: false }, fd({ serviceId: t.serviceId, active: "false" })),
  },
  {
    name: "delete service",
    cross: /not found/i,
    permission: "services.manage",
    run: (t) => serviceActions.deleteServiceAction({ ok: false }, fd({ serviceId: t.serviceId })),
  },
  {
    name: "pause connector",
    cross: /not found/i,
    permission: "connectors.manage",
    run: (t) =>
      operationsActions.pauseConnectorAction({ ok: false }, fd({ connectorId: t.connectorId, reason: "Upgrade" })),
  },
  {
    name: "resume connector",
    cross: /not found/i,
    permission: "connectors.manage",
    run: (t) => operationsActions.resumeConnectorAction({ ok: false }, fd({ connectorId: t.connectorId })),
  },
  {
    name: "schedule maintenance",
    cross: /not found/i,
    permission: "connectors.manage",
    run: (t) =>
      operationsActions.scheduleMaintenanceAction(
        { ok: false },
        fd({ connectorId: t.connectorId, startsAt: "2030-01-01T10:00", endsAt: "2030-01-01T12:00", reason: "Upgrade" }),
      ),
  },
  {
    name: "check interval",
    cross: /not found/i,
    permission: "connectors.manage",
    run: (t) =>
      operationsActions.updateCheckIntervalAction({ ok: false }, fd({ connectorId: t.connectorId, minutes: "15" })),
  },
  {
    // Another organisation's connectors are skipped one by one (never named), so there is no refusal to match.
    name: "bulk pause",
    permission: "connectors.manage",
    run: (t) => {
      const f = fd({ op: "pause", reason: "Upgrade" });
      f.append("ids", t.connectorId);
      return operationsActions.bulkConnectorsAction({ ok: false }, f);
    },
  },
  {
    // Another organisation's run is reported as not found among the outcomes, never requested.
    name: "request resync",
    permission: "syncs.resync",
    run: (t) => resyncActions.requestResyncAction({ ok: false }, fd({ runIds: String(t.failedRunId) })),
  },
];

const outcome = (run: () => Promise<FormState>) =>
  run().catch((e: unknown): FormState & { redirected?: string } => ({
    ok: true,
    redirected: (e as { digest?: string }).digest,
  }));

describe.each(ROLES)("as %s", (role) => {
  let own: Org;
  let other: Org;
  beforeEach(async () => {
    own = await makeOrg();
    other = await makeOrg();
    current = await createMember(db(), own.orgId, role);
  });
  afterEach(() => {
    current = null;
  });

  it.each(CASES)("$name: allowed only as the role table says, and never on another organisation", async (c) => {
    const { permission, run } = c;
    const allowed = can({ role }, permission);
    const before = await snapshot(own.orgId);
    const mine = await outcome(() => run(own));
    if (allowed) {
      // Allowed to try: the action ran (it may still refuse on business grounds, e.g. a wrong confirmation name).
      expect(mine.message ?? "").not.toMatch(/role does not allow/);
    } else {
      expect(mine).toMatchObject({ ok: false, message: "Your role does not allow this." });
      expect(await snapshot(own.orgId)).toBe(before);
    }

    const theirs = await snapshot(other.orgId);
    const cross = await outcome(() => run(other));
    expect(await snapshot(other.orgId)).toBe(theirs);
    if (!allowed) expect(cross).toMatchObject({ ok: false, message: "Your role does not allow this." });
    else if (c.cross) expect(cross).toMatchObject({ ok: false, message: expect.stringMatching(c.cross) });
  });
});

describe("signed out", () => {
  it.each(CASES)("$name: sends to /login and changes nothing", async ({ run }) => {
    const target = await makeOrg();
    current = null;
    const before = await snapshot(target.orgId);
    await expect(run(target)).rejects.toMatchObject({ digest: expect.stringContaining("/login") });
    expect(await snapshot(target.orgId)).toBe(before);
  });
});
