import { navSystem } from "./dynamics-nav";

/** Navision is Dynamics NAV's older name: the same web services and probe (see dynamics-nav.ts). */
export const navision = navSystem("navision", "Navision");
