import { and, asc, eq, sql } from "drizzle-orm";
import { companyGroups, connectors, type ConnectorStatus, statusRank } from "@/db/schema";
import { countConnectorsForList, listConnectorsPage, listPlacedConnectors } from "@/db/queries/connectors";
import { validateStep } from "@/components/connectors/wizard/validate";
import type { WizardValues } from "@/components/connectors/wizard/types";
import { catalogue } from "@/lib/connectors/catalogue";
import { createConnector as addConnector } from "@/lib/connectors/create";
import { createConnectorSchema } from "@/lib/connectors/schemas";
import { executeRows } from "@/db/queries/execute";
import { useTestDb } from "../../helpers/db";
import { createConnector, createOrganisation } from "../../helpers/factories";

const db = useTestDb();

describe("the add-connector wizard's General step and the server agree on where a connector may go", () => {
  it("refuses on the step exactly what the save refuses: a group's second live connector of a system, a taken name", async () => {
    const { admin, orgId } = await createOrganisation(db());
    const other = await createOrganisation(db());
    const inbound = catalogue().find((s) => s.id === "inbound-api")!;
    const base = {
      systemId: "inbound-api",
      authType: "platform",
      timeZone: "Europe/Kiev",
      dateFormat: "dd/MM/yyyy HH:mm" as const,
      saveOffline: false,
      credentials: {},
    };
    const group = await defaultGroup(orgId);
    // As the action parses the form: the zone's old name is stored under its current one.
    const form = { ...base, name: "Partner feed", environment: "live", companyGroupId: group.id, saveOffline: "" };
    const first = await addConnector(db(), admin, { ...createConnectorSchema.parse(form), credentials: {} });
    expect((await db().select().from(connectors).where(eq(connectors.id, first.id)))[0].timeZone).toBe("Europe/Kyiv");
    // Another organisation's connectors are not in the list, so they never block a name or a place.
    await createConnector(db(), other.orgId, {
      systemId: "inbound-api",
      authType: "platform",
      credentials: {},
      name: "Elsewhere",
    });

    const placed = await listPlacedConnectors(db(), { orgId });
    expect(placed.map((c) => c.name)).toEqual(["Partner feed"]);
    const groups = [{ ...group, isDefault: true }];
    const cases: { name: string; environment: "live" | "test" }[] = [
      { name: "Second feed", environment: "live" }, // the place is taken
      { name: "partner FEED", environment: "test" }, // the name is taken (ignoring case)
      { name: "Elsewhere", environment: "test" }, // another organisation's name: free
    ];
    for (const c of cases) {
      const values = { ...base, ...c, companyGroupId: groups[0].id, nameTouched: true } as unknown as WizardValues;
      const onStep = validateStep("general", values, inbound, { existing: placed, groups });
      const saved = await addConnector(db(), admin, { ...base, ...c, companyGroupId: groups[0].id }).then(
        () => "saved",
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      const stepSays = Object.values(onStep).flat().at(0);
      expect({ ...c, refused: stepSays !== undefined }).toEqual({ ...c, refused: saved !== "saved" });
      if (c.environment === "live") expect(saved).toBe(stepSays); // one wording for the rule, in both places
    }
  });
});

async function defaultGroup(orgId: string) {
  const [row] = await db()
    .select({ id: companyGroups.id, name: companyGroups.name })
    .from(companyGroups)
    .where(eq(companyGroups.orgId, orgId));
  return row;
}

describe("the connector list", () => {
  let orgId: string;
  const statuses: [string, ConnectorStatus, "live" | "test"][] = [
    ["Alpha", "operational", "live"],
    ["Bravo", "unreachable", "live"],
    ["Charlie", "auth_failed", "live"],
    ["Delta", "unknown", "live"],
    ["Echo", "unreachable", "live"],
    ["Foxtrot", "operational", "test"],
    ["Shop Golf", "auth_failed", "test"],
  ];
  beforeAll(async () => {
    ({ orgId } = await createOrganisation(db()));
    const other = await createOrganisation(db());
    await createConnector(db(), other.orgId, { systemId: "veeqo", authType: "api-key", credentials: { apiKey: "k" } });
    for (const [name, status, environment] of statuses) {
      const row = await createConnector(db(), orgId, {
        systemId: name === "Shop Golf" ? "shopify" : "veeqo",
        authType: "api-key",
        credentials: { apiKey: "k" },
        name,
        environment,
        companyGroupId: await newGroup(orgId, name),
      });
      await db().update(connectors).set({ status }).where(eq(connectors.id, row.id));
    }
  });

  it("lists problems first (unreachable, failed authentication, not checked, operational), then by name", async () => {
    const { rows, total } = await listConnectorsPage(db(), { orgId, environment: "live" });
    expect(total).toBe(5);
    expect(rows.map((r) => r.name)).toEqual(["Bravo", "Echo", "Charlie", "Delta", "Alpha"]);
    const byName = await listConnectorsPage(db(), { orgId, environment: "live", sort: "name" });
    expect(byName.rows.map((r) => r.name)).toEqual(["Alpha", "Bravo", "Charlie", "Delta", "Echo"]);
    const paged = await listConnectorsPage(db(), { orgId, environment: "live", pageSize: 2, page: 2 });
    expect(paged.rows.map((r) => r.name)).toEqual(["Charlie", "Delta"]);
  });

  it("takes the total it is given (the list's counts) rather than counting again, and keeps the page in range", async () => {
    const given = await listConnectorsPage(db(), { orgId, environment: "live", pageSize: 2, page: 9, total: 5 });
    expect({ total: given.total, page: given.page, pageCount: given.pageCount }).toEqual({
      total: 5,
      page: 3,
      pageCount: 3,
    });
    expect(given.rows.map((r) => r.name)).toEqual(["Alpha"]);
  });

  it("counts the tabs with the filters, the overview with the search only, and each tab without any", async () => {
    expect(await countConnectorsForList(db(), { orgId, environment: "live" })).toEqual({
      tabs: { live: 5, test: 2 },
      overview: { unreachable: 2, auth_failed: 1, unknown: 1, operational: 1 },
      totals: { live: 5, test: 2 },
    });
    expect(await countConnectorsForList(db(), { orgId, environment: "test", q: "shop" })).toEqual({
      tabs: { live: 0, test: 1 },
      overview: { unreachable: 0, auth_failed: 1, unknown: 0, operational: 0 },
      totals: { live: 5, test: 2 },
    });
    expect(await countConnectorsForList(db(), { orgId, environment: "live", status: "auth_failed" })).toMatchObject({
      tabs: { live: 1, test: 1 },
      overview: { unreachable: 2, auth_failed: 1, unknown: 1, operational: 1 },
    });
    // "o" matches Bravo, Echo (both unreachable, live), Foxtrot (operational, test) and Shop Golf.
    expect(await countConnectorsForList(db(), { orgId, environment: "live", status: "operational", q: "o" })).toEqual({
      tabs: { live: 0, test: 1 },
      overview: { unreachable: 2, auth_failed: 0, unknown: 0, operational: 0 },
      totals: { live: 5, test: 2 },
    });
    // A search's wildcards are literal: "%" matches no name here.
    expect((await countConnectorsForList(db(), { orgId, environment: "live", q: "%" })).tabs).toEqual({
      live: 0,
      test: 0,
    });
  });

  it("reads a page in its default order from the rank index, without sorting the organisation's connectors", async () => {
    // Seven rows would be read by a sequential scan whatever the indexes: forbid it, and the sort, to see which index
    // the order's expression matches (the query spells it as the index does only with literals, not parameters).
    const plan = await db().transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_sort = off`);
      const page = tx
        .select({ id: connectors.id })
        .from(connectors)
        .where(and(eq(connectors.orgId, orgId), eq(connectors.environment, "live")))
        .orderBy(asc(statusRank(connectors.status)), asc(connectors.name), asc(connectors.id))
        .limit(60);
      const rows = await executeRows<Record<string, string>>(tx, sql`explain ${page}`);
      return rows.map((r) => Object.values(r)[0]).join("\n");
    });
    expect(plan).toContain("connectors_org_env_rank_idx");
    expect(plan).not.toMatch(/\bSort\b/);
  });
});

/** A company group of its own for each connector, so the one-per-group rule never gets in the way of the fixtures. */
async function newGroup(orgId: string, name: string) {
  const [row] = await db()
    .insert(companyGroups)
    .values({ orgId, name: `Group ${name}`, isDefault: false })
    .returning({ id: companyGroups.id });
  return row.id;
}
