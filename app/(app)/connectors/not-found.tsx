import { NotFoundNotice } from "@/components/shell/not-found-notice";

export const metadata = { title: "Connector not found" };

/** A connector id that does not exist, was deleted, or belongs to another organisation: all look the same from here. */
export default function ConnectorNotFound() {
  return (
    <div className="py-8">
      <NotFoundNotice
        title="Connector not found"
        message="There is no connector at this address in your organisation. It may have been deleted."
        links={[{ href: "/connectors", label: "Go to the connectors" }]}
      />
    </div>
  );
}
