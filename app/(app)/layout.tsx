import { AppNav } from "@/components/shell/app-nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { SkipLink } from "@/components/ui/skip-link";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { DatabaseUnavailableError } from "@/db/errors";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { PATH_HEADER } from "@/lib/web/security-headers";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser().catch(async (error: unknown) => {
    // The page that finds the database away asks again: the proxy then answers 503 + Retry-After (a page that has
    // started rendering could only answer 500). The proxy set this header from the request's own path.
    if (error instanceof DatabaseUnavailableError)
      redirect(safeCallbackPath((await headers()).get(PATH_HEADER), env.APP_URL));
    throw error;
  });
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <SkipLink />
      <aside className="flex w-full shrink-0 flex-col justify-between gap-4 bg-slate-900 p-4 text-white md:w-60">
        <div>
          <p className="mb-3 px-3 text-lg font-bold tracking-tight md:mb-6">Patchbay</p>
          <AppNav />
        </div>
        <div className="space-y-1 border-t border-white/10 px-3 pt-4" data-testid="current-user">
          <p className="text-sm font-medium">{user.name}</p>
          <p className="text-xs text-slate-300">{user.orgName}</p>
          <p className="text-xs text-slate-400">{ROLE_LABELS[user.role]}</p>
          <SignOutButton />
        </div>
      </aside>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">
        {children}
      </main>
    </div>
  );
}
