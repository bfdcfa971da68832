// The settings contract (spec/product.md 2.4): one zod schema per body of `POST /api/settings/:token` and its
// delete twin. Validation equals sign-up: the same field schemas and the same fixed messages, never the input.
import { z } from "zod";
import { type Preferences, PreferencesSchema } from "../../preferences";
import { FIELD_MESSAGES, type FieldParse, FtpEmailSchema, FtpPasswordSchema, parseWithFieldMessages } from "../signup/signup-schema";

export const SETTINGS_FIELD_MESSAGES = {
  ftpEmail: FIELD_MESSAGES.ftpEmail,
  ftpPassword: FIELD_MESSAGES.ftpPassword,
  preferences: FIELD_MESSAGES.preferences,
  confirm: "Tick the box to confirm that your data should be deleted",
} as const;

/** A blank field means "keep what is stored"; the page sends blanks as "" and an API client may leave them out. */
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const SettingsBodySchema = z
  .object({
    ftpEmail: z.preprocess(blankToUndefined, FtpEmailSchema.optional()),
    ftpPassword: z.preprocess(blankToUndefined, FtpPasswordSchema.optional()),
    preferences: PreferencesSchema,
  })
  .superRefine((body, ctx) => {
    // Both fields are sealed together (credentials.save); the stored email is never decrypted outside the plan job.
    if (body.ftpPassword !== undefined && body.ftpEmail === undefined) {
      ctx.addIssue({ code: "custom", path: ["ftpEmail"], message: SETTINGS_FIELD_MESSAGES.ftpEmail });
    }
  });
export type SettingsBodyInput = z.input<typeof SettingsBodySchema>;

/** What a save changes: preferences always; the login per the blanks the customer left. */
export interface SettingsChange {
  preferences: Preferences;
  credentials: { kind: "keep" } | { kind: "email"; email: string } | { kind: "replace"; email: string; password: string };
}

export function parseSettingsBody(input: unknown): FieldParse<SettingsChange> {
  const parsed = parseWithFieldMessages(SettingsBodySchema, input, SETTINGS_FIELD_MESSAGES);
  if (!parsed.ok) return parsed;
  const { ftpEmail, ftpPassword, preferences } = parsed.body;
  const credentials: SettingsChange["credentials"] =
    ftpEmail === undefined
      ? { kind: "keep" }
      : ftpPassword === undefined
        ? { kind: "email", email: ftpEmail }
        : { kind: "replace", email: ftpEmail, password: ftpPassword };
  return { ok: true, body: { preferences, credentials } };
}

export const DeleteBodySchema = z.object({ confirm: z.literal(true) });

export function parseDeleteBody(input: unknown): FieldParse<z.output<typeof DeleteBodySchema>> {
  return parseWithFieldMessages(DeleteBodySchema, input, SETTINGS_FIELD_MESSAGES);
}
