import { xSeriesSystem } from "../lightspeed-x-api";

/** Vend, now Lightspeed Retail (X-Series): the same API and probe (see lightspeed-x-api.ts). */
export const vend = xSeriesSystem("vend", "Vend", "Vend (Lightspeed Retail X-Series)");
