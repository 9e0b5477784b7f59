import { SkipLink } from "@/components/ui/skip-link";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SkipLink />
      <main id="main" tabIndex={-1} className="flex min-h-screen items-center justify-center px-4 py-12">
        <div className="w-full max-w-sm">
          <div className="mb-8 text-center">
            <p className="text-2xl font-bold tracking-tight text-brand-900">Patchbay</p>
            <p className="mt-1 text-sm text-slate-600">Every connector, reachable and authenticated.</p>
          </div>
          <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
        </div>
      </main>
    </>
  );
}
