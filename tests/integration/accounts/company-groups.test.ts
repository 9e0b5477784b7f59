import { listCompanyGroups } from "@/db/queries/company-groups";
import { addCompanyGroup, renameCompanyGroup } from "@/lib/accounts/company-groups";
import { useTestDb } from "../../helpers/db";
import { createMember, createOrganisation } from "../../helpers/factories";

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
