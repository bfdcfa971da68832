// Public face of phone identity: the canonical phone type and its parsers.
export * from "./phone";
