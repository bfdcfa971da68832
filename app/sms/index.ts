// Public face of the SMS domain: the rules, the webhook routes, the conversation service and the senders.
export * from "./conversation";
export * from "./errors";
export * from "./failure-replies";
export * from "./inbound-routing";
export * from "./keywords";
export * from "./normalise";
export * from "./reassembly";
export * from "./replies-by-state";
export * from "./segments";
export * from "./send-pacing";
export * from "./sender";
export * from "./signature";
export * from "./texts";
export * from "./vonage-sender";
export * from "./webhook-payloads";
export * from "./webhook-router";
