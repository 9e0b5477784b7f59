import { NotFoundNotice } from "@/components/shell/not-found-notice";

export const metadata = { title: "Page not found" };

/**
 * Our own 404 for any address that leads nowhere (Next.js's default one is styled with inline style attributes, which
 * the Content-Security-Policy refuses). It cannot know whether the visitor is signed in, so it offers both ways back.
 */
export default function NotFound() {
  return (
    <main id="main" className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <p className="mb-6 text-2xl font-bold tracking-tight text-brand-900">Patchbay</p>
      <NotFoundNotice
        title="Page not found"
        message="This address does not lead to a page, or the page is not available to you."
        links={[
          { href: "/connectors", label: "Go to the connectors" },
          { href: "/login", label: "Sign in" },
        ]}
      />
    </main>
  );
}
