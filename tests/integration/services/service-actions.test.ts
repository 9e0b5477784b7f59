/** The actions' form-state answers: field-level messages, the permission check, and what goes back to the browser. */
import { eq } from "drizzle-orm";
import { services } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { useTestDb } from "../../helpers/db";
import { createConnector, createMember, createOrganisation } from "../../helpers/factories";

let current: SessionUser | null = null;
jest.mock("@/lib/auth/session", () => ({ requireUser: () => Promise.resolve(current) }));
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import {
  createServiceAction,
  deleteServiceAction,
  setServiceActiveAction,
  updateServiceAction,
} from "@/lib/actions/services";

const db = useTestDb();
const fd = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
let live1: string, live2: string, test1: string, orgId: string;

beforeAll(async () => {
  const org = await createOrganisation(db(), "Actions");
  orgId = org.orgId;
  current = await createMember(db(), orgId, "manager");
  const conn = (systemId: string, environment: "live" | "test") =>
    createConnector(db(), orgId, { systemId, authType: "token", credentials: { k: "v" }, environment }).then(
      (c) => c.id,
    );
  [live1, live2, test1] = [
    await conn("shopify", "live"),
    await conn("netsuite", "live"),
    await conn("netsuite", "test"),
  ];
});

it("reports missing fields per field and keeps what was typed", async () => {
  const state = await createServiceAction(
    { ok: false },
    fd({ name: "  ", sourceConnectorId: "", destinationConnectorId: live2 }),
  );
  expect(state).toMatchObject({
    ok: false,
    fieldErrors: { name: ["Name is required."], sourceConnectorId: ["Choose a source connector."] },
    values: { destinationConnectorId: live2 },
  });
});

it("puts the environment rule on the destination field", async () => {
  const state = await createServiceAction(
    { ok: false },
    fd({ name: "Mixed", sourceConnectorId: live1, destinationConnectorId: test1 }),
  );
  expect(state.ok).toBe(false);
  expect(state.message).toMatch(/same environment/);
  expect(state.fieldErrors?.destinationConnectorId).toHaveLength(1);
});

it("creates, edits, deactivates and deletes through the one form-state shape", async () => {
  expect(
    await createServiceAction(
      { ok: false },
      fd({ name: "Orders", sourceConnectorId: live1, destinationConnectorId: live2 }),
    ),
  ).toMatchObject({ ok: true, message: expect.stringContaining('"Orders"') });
  const [row] = await db().select().from(services).where(eq(services.orgId, orgId));
  expect(
    await updateServiceAction(
      { ok: false },
      fd({ serviceId: row.id, name: "Orders in", sourceConnectorId: live1, destinationConnectorId: live2 }),
    ),
  ).toMatchObject({ ok: true, message: 'Saved the service "Orders in".' });
  expect(await setServiceActiveAction({ ok: false }, fd({ serviceId: row.id, active: "false" }))).toMatchObject({
    ok: true,
    message: '"Orders in" is inactive.',
  });
  expect(await setServiceActiveAction({ ok: false }, fd({ serviceId: row.id, active: "maybe" }))).toMatchObject({
    ok: false,
    fieldErrors: { active: expect.any(Array) },
  });
  expect(await deleteServiceAction({ ok: false }, fd({ serviceId: row.id }))).toMatchObject({ ok: true });
  expect(await db().select().from(services).where(eq(services.orgId, orgId))).toEqual([]);
});

it("refuses a read-only member before touching anything", async () => {
  const manager = current;
  current = await createMember(db(), orgId, "read_only");
  expect(
    await createServiceAction(
      { ok: false },
      fd({ name: "Nope", sourceConnectorId: live1, destinationConnectorId: live2 }),
    ),
  ).toMatchObject({ ok: false, message: "Your role does not allow this." });
  current = manager;
  expect(await db().select().from(services).where(eq(services.orgId, orgId))).toEqual([]);
});
