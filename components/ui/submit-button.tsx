"use client";

import { useEffect, useRef } from "react";
import { useFormStatus } from "react-dom";

export function SubmitButton({
  children,
  pendingText,
  variant = "primary",
}: {
  children: React.ReactNode;
  pendingText?: string;
  variant?: "primary" | "danger" | "secondary";
}) {
  const { pending } = useFormStatus();
  const ref = useRef<HTMLButtonElement>(null);
  const hadFocus = useRef(false);
  // Disabling the focused button while the form is sent drops focus to <body>: give it back when the answer comes.
  useEffect(() => {
    if (pending) {
      hadFocus.current = document.activeElement === ref.current || document.activeElement === document.body;
      return;
    }
    if (hadFocus.current && document.activeElement === document.body) ref.current?.focus();
    hadFocus.current = false;
  }, [pending]);
  const styles = {
    primary: "bg-brand-700 text-white hover:bg-brand-900",
    danger: "bg-red-700 text-white hover:bg-red-800",
    secondary: "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
  }[variant];
  return (
    <button
      ref={ref}
      type="submit"
      disabled={pending}
      className={`rounded-md px-4 py-2 text-sm font-semibold shadow-sm disabled:opacity-60 ${styles}`}
    >
      {pending ? (pendingText ?? "Saving…") : children}
    </button>
  );
}
