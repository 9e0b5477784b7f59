import { Link } from "@/components/ui/link";

/** What an unknown, used, replaced or expired account link shows: one message, whichever it is. */
export function LinkGone({ what, again }: { what: string; again: { href: string; label: string } }) {
  return (
    <>
      <h1 className="mb-2 text-lg font-semibold">This link no longer works</h1>
      <p className="text-sm text-slate-600">{what} Nothing was changed.</p>
      <p className="mt-6 text-center text-sm">
        <Link href={again.href} className="font-medium text-brand-700 underline">
          {again.label}
        </Link>
      </p>
    </>
  );
}
