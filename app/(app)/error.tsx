"use client";

import { FailureNotice } from "@/components/shell/failure-notice";

/** A signed-in page that fails: the apology inside the app's frame, so the navigation stays (Next answers 500). */
export default function AppErrorPage({ error }: { error: Error & { digest?: string }; reset: () => void }) {
  return <FailureNotice error={error} inApp />;
}
