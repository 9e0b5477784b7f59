import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { z } from "zod";
import { isDatabaseUnavailable } from "@/db/errors";
import { requireUser } from "@/lib/auth/session";
import { can, type Action } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { fromError } from "@/lib/form-error";
import { type FormState, formValues, fromZodError } from "@/lib/form-state";
import { addLogFields, withLogContext } from "@/lib/log";
import { requestIdFor } from "@/lib/request-id";

/**
 * The one path every form action takes: session -> validation -> permission -> business function -> revalidate.
 * A database that cannot be reached, at any step, is a calm form message (lib/form-state fromError), never a crash.
 * Secrets and passwords named in `omit` are never echoed back to the browser.
 */
export async function runAction<S extends z.ZodType>(
  formData: FormData,
  opts: {
    schema: S;
    permission: Action;
    omit?: string[] | ((key: string) => boolean);
    revalidate?: string;
    context: string;
  },
  fn: (user: SessionUser, input: z.output<S>) => Promise<unknown>,
): Promise<FormState> {
  return withLogContext({ requestId: await actionRequestId() }, () => actInContext(formData, opts, fn));
}

/** The request id proxy.ts gave the page request the action posts to (a new one outside a request, as in tests). */
async function actionRequestId(): Promise<string> {
  try {
    return requestIdFor(await headers(), true);
  } catch {
    return crypto.randomUUID();
  }
}

async function actInContext<S extends z.ZodType>(
  formData: FormData,
  opts: Parameters<typeof runAction<S>>[1],
  fn: (user: SessionUser, input: z.output<S>) => Promise<unknown>,
): Promise<FormState> {
  const values = formValues(formData, opts.omit);
  let user: SessionUser;
  try {
    user = await requireUser(); // redirects when signed out: that redirect is thrown on, never turned into a message
  } catch (error) {
    if (isDatabaseUnavailable(error)) return fromError(error, values, opts.context);
    throw error;
  }
  addLogFields({ orgId: user.orgId });
  if (!can(user, opts.permission)) return { ok: false, message: "Your role does not allow this.", values };
  const parsed = opts.schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fromZodError(parsed.error, values);
  let message: string | undefined;
  try {
    const said = await fn(user, parsed.data); // a function may return the message to show; anything else says "Saved."
    if (typeof said === "string") message = said;
  } catch (error) {
    return fromError(error, values, opts.context);
  }
  if (opts.revalidate) revalidatePath(opts.revalidate);
  return { ok: true, message: message || "Saved." };
}
