// Public face of the settings link: the router, its ports and store adapter, its schema and page texts.
export * from "./errors";
export { KEEP_PASSWORD_HINT, SETTINGS_DELETED_MESSAGE, SETTINGS_SAVED_MESSAGE, type SettingsView } from "./settings-page";
export * from "./settings-ports";
export * from "./settings-router";
export * from "./settings-schema";
