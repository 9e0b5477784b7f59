import { NotFoundNotice } from "@/components/shell/not-found-notice";

export const metadata = { title: "Page not found" };

/** A page of the signed-in area that does not exist: the 404 inside the app's own frame, with its navigation. */
export default function AppNotFound() {
  return (
    <div className="py-8">
      <NotFoundNotice
        title="Page not found"
        message="This address does not lead to a page, or the page is not available to you."
        links={[{ href: "/connectors", label: "Go to the connectors" }]}
      />
    </div>
  );
}
