export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: React.ReactNode;
}) {
  return (
    <header className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight [overflow-wrap:anywhere]">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions}
    </header>
  );
}

/**
 * What a role that may not use a page sees instead. `title` is the page's own heading, so the page keeps its one
 * `<h1>` (screen readers navigate by it); leave it out only where a layout already gives the page its heading.
 */
export function AccessDenied({ what, title }: { what: string; title?: string }) {
  return (
    <>
      {title ? <PageHeader title={title} /> : null}
      <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-6">
        <p className="font-medium text-amber-900">You do not have access to {what}.</p>
        <p className="mt-1 text-sm text-amber-800">Ask an administrator of your organisation if you need it.</p>
      </div>
    </>
  );
}
