import { xSeriesSystem } from "../lightspeed-x-api";

/** Lightspeed Retail (X-Series), formerly Vend: the same API and probe (see lightspeed-x-api.ts). */
export const lightspeedX = xSeriesSystem("lightspeed-x", "Lightspeed Retail X-Series", "Lightspeed Retail (X-Series)");
