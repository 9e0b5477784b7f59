/**
 * Fuzz: 1,000 generated form submissions to every exported server action in lib/actions, as the signed-in roles.
 * Each must return a form state (no unexpected throw), hold no stack or driver text nor the generic "Something went
 * wrong", and leave the database unchanged when it refused.
 */
import fc from "fast-check";
import { eq } from "drizzle-orm";
import {
  companyGroups,
  notificationGroupMembers,
  notificationGroups,
  services,
  webhooks,
  type Role,
} from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import type { FormState } from "@/lib/form-state";
import { encryptWebhookSecret } from "@/lib/notifications/webhook-secret";
import { registerSandboxAccount } from "@/lib/sandbox/accounts";
import { useTestDb } from "../../helpers/db";
import { createConnector, createMember, createOrganisation } from "../../helpers/factories";
import { databaseFingerprint, jsonText, leakIn, mutated, FUZZ_TIMEOUT_MS, RUNS } from "./fuzz-kit";

let current: SessionUser | null = null;
jest.mock("@/lib/auth/session", () => ({
  requireUser: () =>
    current
      ? Promise.resolve(current)
      : Promise.reject(Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/login;307;" })),
  getCurrentUser: () => Promise.resolve(current),
}));
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));
// A changed password re-issues this device's session cookie.
jest.mock("next/headers", () => ({ cookies: () => Promise.resolve({ set: () => undefined }) }));
jest.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;${to};307;` });
  },
}));

import fs from "node:fs";
import path from "node:path";
import * as accountActions from "@/lib/actions/account";
import * as accountLinkActions from "@/lib/actions/account-links";
import * as apiTokenActions from "@/lib/actions/api-tokens";
import * as companyGroupActions from "@/lib/actions/company-groups";
import * as connectorActions from "@/lib/actions/connectors";
import * as inboundActions from "@/lib/actions/inbound-api";
import * as notificationActions from "@/lib/actions/notifications";
import * as operationsActions from "@/lib/actions/operations";
import * as resyncActions from "@/lib/actions/resync";
import * as sandboxActions from "@/lib/actions/sandbox";
import * as serviceActions from "@/lib/actions/services";
import * as signUpActions from "@/lib/actions/sign-up";
import * as userActions from "@/lib/actions/users";
import * as webhookActions from "@/lib/actions/webhooks";

/** A form action: `useActionState`'s (previous state, form data), or a plain form's (form data) that redirects. */
type Action = ((prev: FormState, formData: FormData) => Promise<FormState>) | ((formData: FormData) => Promise<void>);
const MODULES = {
  accountActions,
  accountLinkActions,
  apiTokenActions,
  companyGroupActions,
  connectorActions,
  inboundActions,
  notificationActions,
  operationsActions,
  resyncActions,
  sandboxActions,
  serviceActions,
  signUpActions,
  userActions,
  webhookActions,
};

const db = useTestDb();
const fingerprint = databaseFingerprint(db);
const ROLES: Role[] = ["administrator", "manager", "user", "read_only"];
let members: Record<Role, SessionUser>;
let t: {
  groupId: string;
  connectorId: string;
  connectorName: string;
  victimId: string;
  ngId: string;
  memberId: string;
  webhookId: string;
  sourceId: string;
  destinationId: string;
  serviceId: string;
  tokenId: string;
};

beforeAll(async () => {
  const { orgId, admin } = await createOrganisation(db());
  const [group] = await db().select().from(companyGroups).where(eq(companyGroups.orgId, orgId));
  const key = `sbx_fuzz_${Math.random().toString(36).slice(2, 12)}`;
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
      ...encryptWebhookSecret(webhookId, "whsec_fuzz"),
    });
  const src = await createConnector(db(), orgId, {
    systemId: "shopify",
    authType: "token",
    credentials: { k: "v" },
    name: "Svc source",
  });
  const dst = await createConnector(db(), orgId, {
    systemId: "netsuite",
    authType: "tba",
    credentials: { k: "v" },
    name: "Svc destination",
  });
  const [svc] = await db()
    .insert(services)
    .values({ orgId, name: "Orders", sourceConnectorId: src.id, destinationConnectorId: dst.id })
    .returning();
  const { createApiToken } = await import("@/lib/api-tokens/manage");
  const token = await createApiToken(db(), admin, { name: "Engine" });
  members = {
    administrator: admin,
    manager: await createMember(db(), orgId, "manager"),
    user: await createMember(db(), orgId, "user"),
    read_only: await createMember(db(), orgId, "read_only"),
  };
  t = {
    groupId: group.id,
    connectorId: c.id,
    connectorName: c.name,
    victimId: victim.id,
    ngId: ng.id,
    memberId: member.id,
    webhookId,
    sourceId: src.id,
    destinationId: dst.id,
    serviceId: svc.id,
    tokenId: token.id,
  };
  await fingerprint.reset();
});

/** A valid submission per action (ids of the organisation's own records); the fuzz then breaks zero, one or two fields. */
const VALID: Record<string, () => Record<string, string>> = {
  confirmSignUpAction: () => ({ token: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }),
  changePasswordAction: () => ({ currentPassword: "correct horse battery", newPassword: "another long password" }),
  createApiTokenAction: () => ({ name: "Engine 2" }),
  revokeApiTokenAction: () => ({ tokenId: t.tokenId }),
  addCompanyGroupAction: () => ({ name: "Europe" }),
  renameCompanyGroupAction: () => ({ groupId: t.groupId, name: "Head office" }),
  createConnectorAction: () => ({
    systemId: "sandbox",
    authType: "api-key",
    environment: "test",
    name: "New sandbox",
    timeZone: "Europe/London",
    dateFormat: "yyyy-MM-dd HH:mm",
    companyGroupId: t.groupId,
    "credentials.apiKey": "sbx_not_registered_1",
    saveOffline: "on",
  }),
  updateGeneralAction: () => ({
    connectorId: t.connectorId,
    name: "Target renamed",
    timeZone: "UTC",
    dateFormat: "yyyy-MM-dd HH:mm",
  }),
  updateCredentialsAction: () => ({
    connectorId: t.connectorId,
    systemId: "sandbox",
    authType: "api-key",
    "credentials.apiKey": "sbx_other_key_123",
    saveOffline: "on",
  }),
  deleteConnectorAction: () => ({ connectorId: t.connectorId, confirmName: "not the name" }),
  checkNowAction: () => ({ connectorId: t.connectorId }),
  issueInboundClientAction: () => ({ connectorId: t.connectorId }),
  revokeInboundClientAction: () => ({ connectorId: t.connectorId }),
  createNotificationGroupAction: () => ({ name: "Night shift" }),
  renameNotificationGroupAction: () => ({ groupId: t.ngId, name: "Day shift" }),
  deleteNotificationGroupAction: () => ({ groupId: crypto.randomUUID() }),
  addGroupMemberAction: () => ({ groupId: t.ngId, userId: "", email: "new.member@example.com" }),
  removeGroupMemberAction: () => ({ groupId: t.ngId, memberId: crypto.randomUUID() }),
  setConnectorNotificationGroupAction: () => ({ connectorId: t.connectorId, groupId: t.ngId }),
  setSandboxModeAction: () => ({ connectorId: t.connectorId, mode: "healthy" }),
  createServiceAction: () => ({
    name: "Stock",
    sourceConnectorId: t.sourceId,
    destinationConnectorId: t.destinationId,
  }),
  updateServiceAction: () => ({
    serviceId: t.serviceId,
    name: "Orders v2",
    sourceConnectorId: t.sourceId,
    destinationConnectorId: t.destinationId,
  }),
  setServiceActiveAction: () => ({ serviceId: t.serviceId, active: "true" }),
  deleteServiceAction: () => ({ serviceId: crypto.randomUUID() }),
  signUpAction: () => ({
    organisationName: "Fuzz Ltd",
    name: "Fuzz Admin",
    email: "fuzz.admin@example.com",
    password: "long enough password",
  }),
  addUserAction: () => ({
    name: "New person",
    email: "new.person@example.com",
    role: "user",
  }),
  resendInvitationAction: () => ({ userId: t.victimId }),
  forgotPasswordAction: () => ({ email: "fuzz.admin@example.com" }),
  resetPasswordAction: () => ({
    token: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    password: "long enough password",
  }),
  acceptInvitationAction: () => ({
    token: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    password: "long enough password",
  }),
  deleteCompanyGroupAction: () => ({ groupId: t.groupId }),
  changeRoleAction: () => ({ userId: t.victimId, role: "manager" }),
  removeUserAction: () => ({ userId: crypto.randomUUID() }),
  registerWebhookAction: () => ({ url: "https://hooks.example.com/new" }),
  registerChatChannelAction: () => ({ kind: "slack", url: "https://hooks.slack.com/services/T0/B0/fuzz" }),
  setWebhookActiveAction: () => ({ webhookId: t.webhookId, active: "false" }),
  deleteWebhookAction: () => ({ webhookId: crypto.randomUUID() }),
  sendTestEventAction: () => ({ webhookId: t.webhookId }),
  pauseConnectorAction: () => ({ connectorId: t.connectorId, reason: "Vendor upgrade", until: "" }),
  resumeConnectorAction: () => ({ connectorId: t.connectorId }),
  scheduleMaintenanceAction: () => ({
    connectorId: t.connectorId,
    startsAt: "2030-01-01T10:00",
    endsAt: "2030-01-01T12:00",
    reason: "Planned upgrade",
  }),
  cancelMaintenanceAction: () => ({ connectorId: t.connectorId, windowId: crypto.randomUUID() }),
  updateCheckIntervalAction: () => ({ connectorId: t.connectorId, minutes: "15" }),
  bulkConnectorsAction: () => ({ op: "resume", ids: t.connectorId, reason: "", groupId: "" }),
  requestResyncAction: () => ({ runIds: "1,2" }),
};

const ACTIONS = Object.values(MODULES).flatMap(
  (m) => Object.entries(m as Record<string, unknown>).filter(([, f]) => typeof f === "function") as [string, Action][],
);

function formData(fields: Record<string, unknown>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, typeof v === "string" ? v : jsonText(v));
  return f;
}

it("covers every exported server action of every module in lib/actions", () => {
  const dir = path.join(process.cwd(), "lib", "actions");
  const files = fs
    .readdirSync(dir)
    .filter((f) => fs.readFileSync(path.join(dir, f), "utf8").startsWith('"use server"'));
  expect(files.length).toBe(Object.keys(MODULES).length);
  expect(ACTIONS.map(([name]) => name).sort()).toEqual(Object.keys(VALID).sort());
});

jest.setTimeout(FUZZ_TIMEOUT_MS);

describe("fuzz: server actions answer every generated form with a clean form state, writing nothing when refused", () => {
  it.each(ACTIONS.map(([name, action]) => ({ name, action })))("$name", async ({ name, action }) => {
    await fc.assert(
      fc.asyncProperty(
        mutated(VALID[name]()),
        fc.constantFrom(...ROLES, "administrator", "administrator"),
        async (fields, role) => {
          current = members[role];
          let state: FormState;
          try {
            state =
              action.length === 1
                ? ((await (action as (f: FormData) => Promise<FormState | undefined>)(formData(fields))) ?? {
                    ok: true,
                  })
                : await (action as (p: FormState, f: FormData) => Promise<FormState>)({ ok: false }, formData(fields));
          } catch (error) {
            const digest = (error as { digest?: string }).digest;
            if (!digest?.startsWith("NEXT_REDIRECT")) throw new Error(`${name}: threw ${(error as Error).message}`);
            // A redirect back to the sign-up link's page is that form's refusal ("this link no longer works").
            state = { ok: !digest.includes(";/signup/confirm"), message: digest };
          }
          const text = JSON.stringify(state);
          const leak = leakIn(text);
          if (leak) throw new Error(`${name}: the form state holds ${leak}: ${text.slice(0, 300)}`);
          if (state.ok) await fingerprint.reset();
          else {
            const changed = await fingerprint.changedTables();
            if (changed.length)
              throw new Error(`${name}: refused (${state.message}) but ${changed.join(", ")} changed`);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
