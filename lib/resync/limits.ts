/**
 * At most this many runs per resync request (the form's checkboxes, "Resync selected"). A module of its own, without
 * zod, so the browser's form can read it: zod's schemas probe for eval, which the page's CSP refuses.
 */
export const MAX_RESYNC_BATCH = 500;
