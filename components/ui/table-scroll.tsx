/**
 * The one box every table sits in: the table keeps its natural width and scrolls sideways inside this box, never the
 * page, and its first column stays in view while it does (`.table-scroll` in app/globals.css). The box can take focus
 * so a keyboard can scroll it too, and is named for screen readers by `label`. It is `relative` so that what a cell
 * positions absolutely (a screen-reader-only label) stays inside it rather than widening the page.
 */
export function TableScroll({
  label,
  framed = true,
  className = "",
  children,
}: {
  label: string;
  /** A white box with a border (default); false where the table already sits in a card. */
  framed?: boolean;
  /** Spacing around the box. */
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`table-scroll relative overflow-x-auto bg-white ${framed ? "rounded-lg border border-slate-200" : ""} ${className}`}
    >
      {children}
    </div>
  );
}
