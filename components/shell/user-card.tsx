import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";
import { SignOutButton } from "./sign-out-button";

/** Who is signed in, to which organisation, as what; and the way out. */
export function UserCard({ user }: { user: { name: string; orgName: string; role: Role } }) {
  return (
    <div className="space-y-1 border-t border-white/10 px-3 pt-4" data-testid="current-user">
      <p className="text-sm font-medium">{user.name}</p>
      <p className="text-xs text-slate-300">{user.orgName}</p>
      <p className="text-xs text-slate-400">{ROLE_LABELS[user.role]}</p>
      <SignOutButton />
    </div>
  );
}
