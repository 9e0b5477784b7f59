import { can, PERMISSIONS } from "@/lib/auth/permissions";

describe("can(user, action): the product's role table", () => {
  const table: [string, string[]][] = [
    ["connectors.view", ["administrator", "manager", "user", "read_only"]],
    ["connectors.settings.view", ["administrator", "manager"]],
    ["connectors.manage", ["administrator", "manager"]],
    ["syncs.resync", ["administrator", "manager"]],
    ["services.view", ["administrator", "manager", "user", "read_only"]],
    ["reports.view", ["administrator", "manager", "user", "read_only"]],
    ["notifications.manage", ["administrator"]],
    ["users.manage", ["administrator"]],
  ];
  it.each(table)("%s is allowed for exactly %j", (action, allowed) => {
    for (const role of ["administrator", "manager", "user", "read_only"] as const) {
      expect(can({ role }, action as keyof typeof PERMISSIONS)).toBe(allowed.includes(role));
    }
  });
  it("nobody signed out may do anything", () => {
    expect(can(null, "connectors.view")).toBe(false);
  });
});
