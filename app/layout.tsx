import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Patchbay", template: "%s · Patchbay" },
  description: "Service connector manager: credentials, live status and sync health for every system you integrate.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, never prerendered: the Content-Security-Policy nonce proxy.ts sets is new each
  // time, and Next.js can only put it on the scripts of a page rendered for that request.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
