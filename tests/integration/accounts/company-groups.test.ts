import { listCompanyGroups } from "@/db/queries/company-groups";
import {
  addCompanyGroup,
  companyGroupDeleteBlocker,
  deleteCompanyGroup,
  renameCompanyGroup,
} from "@/lib/accounts/company-groups";
import { useTestDb } from "../../helpers/db";
import { createConnector, createMember, createOrganisation } from "../../helpers/factories";

const db = useTestDb();

describe("company groups", () => {
  it("an administrator adds and renames groups; names are unique per organisation, case-insensitively", async () => {
    const { admin, orgId } = await createOrganisation(db());
    const outlet = await addCompanyGroup(db(), admin, { name: "Outlet" });
    await expect(addCompanyGroup(db(), admin, { name: "outlet" })).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { name: [expect.any(String)] },
    });
    await renameCompanyGroup(db(), admin, { groupId: outlet.id, name: "Outlet store" });
    await expect(renameCompanyGroup(db(), admin, { groupId: outlet.id, name: "DEFAULT" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await listCompanyGroups(db(), { orgId })).map((g) => g.name)).toEqual(["Default", "Outlet store"]);
  });

  it("the same name is fine in another organisation; other organisations' groups are not found", async () => {
    const a = await createOrganisation(db());
    const b = await createOrganisation(db());
    const groupB = await addCompanyGroup(db(), b.admin, { name: "Outlet" });
    await addCompanyGroup(db(), a.admin, { name: "Outlet" });
    await expect(renameCompanyGroup(db(), a.admin, { groupId: groupB.id, name: "Hijacked" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await listCompanyGroups(db(), { orgId: b.orgId })).map((g) => g.name)).toContain("Outlet");
  });

  it("only administrators manage groups", async () => {
    const { orgId } = await createOrganisation(db());
    const manager = await createMember(db(), orgId, "manager");
    await expect(addCompanyGroup(db(), manager, { name: "Nope" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("deleting company groups", () => {
  const sandbox = { systemId: "sandbox", authType: "api_key", credentials: { apiKey: "pb_test_ok_0123456789" } };

  it("deletes a group no connector uses; refuses the default group and a group in use, naming its connectors", async () => {
    const { admin, orgId } = await createOrganisation(db());
    const empty = await addCompanyGroup(db(), admin, { name: "Empty" });
    const used = await addCompanyGroup(db(), admin, { name: "Outlet" });
    await createConnector(db(), orgId, { ...sandbox, name: "Outlet sandbox", companyGroupId: used.id });
    const [defaultGroup] = (await listCompanyGroups(db(), { orgId })).filter((g) => g.isDefault);

    await expect(deleteCompanyGroup(db(), admin, { groupId: used.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Outlet sandbox"),
    });
    await expect(deleteCompanyGroup(db(), admin, { groupId: defaultGroup.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/default group cannot be deleted/),
    });
    expect(await deleteCompanyGroup(db(), admin, { groupId: empty.id })).toMatchObject({ name: "Empty" });
    expect((await listCompanyGroups(db(), { orgId })).map((g) => g.name)).toEqual(["Default", "Outlet"]);
    await expect(deleteCompanyGroup(db(), admin, { groupId: empty.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("only administrators delete, and only their own organisation's groups", async () => {
    const a = await createOrganisation(db());
    const b = await createOrganisation(db());
    const groupB = await addCompanyGroup(db(), b.admin, { name: "Theirs" });
    await expect(deleteCompanyGroup(db(), a.admin, { groupId: groupB.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const manager = await createMember(db(), b.orgId, "manager");
    await expect(deleteCompanyGroup(db(), manager, { groupId: groupB.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await listCompanyGroups(db(), { orgId: b.orgId })).map((g) => g.name)).toContain("Theirs");
  });

  it("says why a group cannot go, in words the page shows", () => {
    expect(companyGroupDeleteBlocker({ isDefault: false }, [])).toBeUndefined();
    expect(companyGroupDeleteBlocker({ isDefault: false }, ["A", "B"])).toBe(
      "Used by 2 connectors (A, B): move them to another group or delete them first.",
    );
  });
});
