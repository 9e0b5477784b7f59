/** A titled card; `id` ties the heading to the section for screen readers. */
export function SummarySection({
  id,
  title,
  description,
  children,
  actions,
}: {
  id: string;
  title: string;
  description?: string;
  children: React.ReactNode;
  actions?: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-6">
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h2 id={id} className="font-semibold">
            {title}
          </h2>
          {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A section still on its way (the page streams): its card and title now, its content when its data is read. */
export function SectionPending({ id, title }: { id: string; title: string }) {
  return (
    <section aria-labelledby={id} aria-busy="true" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
    </section>
  );
}

/** One figure of a connector or sync page's details list (a <dl>): a small caps label over its value. */
export function DetailItem({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}

/** Formats a date in the connector's own zone and format, zone named (every connector page date goes through this). */
export type FormatDate = (date: Date) => string;
