"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

const PANEL_ID = "mobile-menu";

/**
 * The app's navigation. From `lg` up it is the sidebar, always shown. Below, a top bar with the brand and a Menu button
 * (a disclosure) that shows it as a panel under the bar: Escape closes it and puts focus back on the button, and
 * following a link closes it (the menu belongs to the page it was opened on). One copy of the menu for both, so a
 * screen reader or a test never meets it twice.
 */
export function MobileMenu({ brand, children }: { brand: React.ReactNode; children: React.ReactNode }) {
  const pathname = usePathname();
  // The page the menu was opened on: once the path changes, the menu is closed without an effect having to say so.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpenOn(null);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <>
      <div className="flex items-center justify-between gap-2 px-4 py-2 lg:px-4 lg:pb-2 lg:pt-4">
        {brand}
        <button
          ref={button}
          type="button"
          aria-expanded={open}
          aria-controls={PANEL_ID}
          onClick={() => setOpenOn(open ? null : pathname)}
          className="inline-flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-white hover:bg-white/10 lg:hidden"
        >
          <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
            {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 5h14M3 10h14M3 15h14" />}
          </svg>
          Menu
        </button>
      </div>
      <div
        id={PANEL_ID}
        // A link followed to the page already shown (or to another tab of it) closes the menu too.
        onClick={(event) => {
          if ((event.target as HTMLElement).closest("a")) setOpenOn(null);
        }}
        className={`${open ? "flex" : "hidden"} absolute inset-x-0 top-full max-h-[calc(100dvh-3.5rem)] flex-col gap-4 overflow-y-auto border-t border-white/10 bg-slate-900 px-4 pb-4 pt-2 shadow-lg lg:static lg:flex lg:max-h-none lg:flex-1 lg:justify-between lg:border-0 lg:pt-4 lg:shadow-none`}
      >
        {children}
      </div>
    </>
  );
}
