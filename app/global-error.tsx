"use client";

import { FailureNotice } from "@/components/shell/failure-notice";
import "./globals.css";

/** The root layout itself failed: this replaces it, so it brings its own html and body. */
export default function GlobalError({ error }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <FailureNotice error={error} />
      </body>
    </html>
  );
}
