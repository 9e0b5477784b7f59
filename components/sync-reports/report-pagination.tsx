import { Link } from "@/components/ui/link";

const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50";

/** Keyset pages: links carry the id of the row to continue from, so page 2,000 costs the same as page 1. */
export function ReportPagination({
  hrefFor,
  firstId,
  lastId,
  hasNewer,
  hasOlder,
  summary,
}: {
  hrefFor: (cursor?: { before?: number; after?: number }) => string;
  firstId?: number;
  lastId?: number;
  hasNewer: boolean;
  hasOlder: boolean;
  summary: string;
}) {
  return (
    <nav aria-label="Report pages" className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
      <p className="text-slate-600">{summary}</p>
      <div className="flex gap-2">
        {hasNewer ? (
          <>
            <Link href={hrefFor()} className={link}>
              « Newest
            </Link>
            {firstId !== undefined ? (
              <Link href={hrefFor({ after: firstId })} className={link} rel="prev">
                ← Newer
              </Link>
            ) : null}
          </>
        ) : null}
        {hasOlder && lastId !== undefined ? (
          <Link href={hrefFor({ before: lastId })} className={link} rel="next">
            Older →
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
