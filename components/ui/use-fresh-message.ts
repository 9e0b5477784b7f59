"use client";

import { useState } from "react";
import type { FormState } from "@/lib/form-state";

/**
 * A form's last answer, for as long as it is still true: "Saved." belongs to the values that were saved, so it goes
 * once the user changes a control again; the next answer shows again. Put `onChange` on the <form>.
 */
export function useFreshMessage(state: FormState) {
  const [stale, setStale] = useState<FormState | null>(null);
  const fresh = stale !== state;
  return { message: fresh ? state.message : undefined, onChange: () => setStale(state) };
}
