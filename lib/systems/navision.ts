/** Navision is Dynamics NAV's older name: the same web services and probe (see dynamics-nav.ts). */
export { navision } from "./dynamics-nav";
