/** The first focusable element of every layout: jumps past the navigation to <main id="main" tabIndex={-1}>. */
export function SkipLink() {
  return (
    <a
      href="#main"
      className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-semibold focus:text-brand-900 focus:underline focus:shadow-lg"
    >
      Skip to main content
    </a>
  );
}
