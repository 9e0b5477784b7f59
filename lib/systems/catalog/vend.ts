import { xSeriesSystem } from "./lightspeed-x";

/** Vend, now Lightspeed Retail (X-Series): the same API and probe (see lightspeed-x.ts). */
export const vend = xSeriesSystem("vend", "Vend", "Vend (Lightspeed Retail X-Series)");
