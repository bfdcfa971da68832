export * from "./options";
export * from "./preferences-schema";
