export * from "./organisations";
export * from "./users";
export * from "./connectors";
export * from "./services";
export * from "./sandbox";
export * from "./health";
export * from "./audit";
