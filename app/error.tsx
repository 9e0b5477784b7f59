"use client";

import { FailureNotice } from "@/components/shell/failure-notice";

/** Any page or layout below the root that fails (Next answers such a page with status 500). */
export default function ErrorPage({ error }: { error: Error & { digest?: string }; reset: () => void }) {
  return <FailureNotice error={error} />;
}
