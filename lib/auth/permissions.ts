import type { Role } from "@/db/schema";

/** The product's role table (administrator, manager, user, read-only). The one place that answers "may this user do this". */
const ALL: readonly Role[] = ["administrator", "manager", "user", "read_only"];
const MANAGERS: readonly Role[] = ["administrator", "manager"];
const ADMINS: readonly Role[] = ["administrator"];

export const PERMISSIONS = {
  "account.password": ALL,
  "connectors.view": ALL,
  "connectors.settings.view": MANAGERS,
  "connectors.manage": MANAGERS,
  "syncs.resync": MANAGERS,
  "services.view": ALL,
  "services.manage": MANAGERS,
  "reports.view": ALL,
  "notifications.manage": ADMINS,
  "users.manage": ADMINS,
  "company-groups.manage": ADMINS,
  "api-tokens.manage": ADMINS,
  "connectors.private-network": ADMINS,
  "sandbox.mode": ADMINS,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function can(user: { role: Role } | null | undefined, action: Action): boolean {
  return !!user && PERMISSIONS[action].includes(user.role);
}

export const ROLE_LABELS: Record<Role, string> = {
  administrator: "Administrator",
  manager: "Manager",
  user: "User",
  read_only: "Read-only",
};
