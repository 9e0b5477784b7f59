import { ROLES } from "@/lib/auth/roles";
import { ROLE_LABELS } from "@/lib/auth/permissions";

export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
