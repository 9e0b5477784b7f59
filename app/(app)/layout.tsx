import { AppNav } from "@/components/shell/app-nav";
import { MobileMenu } from "@/components/shell/mobile-menu";
import { UserCard } from "@/components/shell/user-card";
import { SkipLink } from "@/components/ui/skip-link";
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
    <div className="min-h-screen lg:flex">
      <SkipLink />
      {/* Below lg a sticky top bar with a Menu button; from lg up a sidebar (components/shell/mobile-menu.tsx). */}
      <aside className="sticky top-0 z-30 flex shrink-0 flex-col bg-slate-900 text-white lg:h-screen lg:w-60 lg:overflow-y-auto lg:pb-4">
        <MobileMenu brand={<p className="px-3 text-lg font-bold tracking-tight">Patchbay</p>}>
          <AppNav />
          <UserCard user={user} />
        </MobileMenu>
      </aside>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none md:px-8 md:py-8">
        {children}
      </main>
    </div>
  );
}
