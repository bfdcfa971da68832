// The signup contract (spec/contracts.md §3, product.md 2.1): one zod schema for `POST /api/signup`, shared by
// the route, the page's tests and the docs. Field messages are fixed sentences that never repeat the input.
import { z } from "zod";
import { type CanonicalPhone, InvalidPhoneError, parsePhone } from "../../identity";
import { PreferencesSchema } from "../../preferences";

export const FIELD_MESSAGES = {
  phone: "Enter a 10-digit US mobile number",
  ftpEmail: "Enter the email address of your Farm to People account",
  ftpPassword: "Enter your Farm to People password (up to 128 characters)",
  smsConsent: "Tick the box to agree to texts from us",
  preferences: "Choose from the options shown",
} as const;

/** Form input in the shapes product.md 1.1 allows; parsed into the canonical `+1XXXXXXXXXX`. */
const PhoneInput = z
  .string({ error: FIELD_MESSAGES.phone })
  .max(32, FIELD_MESSAGES.phone)
  .transform((value, ctx): CanonicalPhone => {
    try {
      return parsePhone(value);
    } catch (err) {
      if (!(err instanceof InvalidPhoneError)) throw err;
      ctx.addIssue({ code: "custom", message: FIELD_MESSAGES.phone });
      return z.NEVER;
    }
  });

/** The Farm to People login's email (product.md 2.1); shared with the settings page. */
export const FtpEmailSchema = z
  .string({ error: FIELD_MESSAGES.ftpEmail })
  .trim()
  .toLowerCase()
  .max(254, FIELD_MESSAGES.ftpEmail)
  // One @, and a dot in the domain (product.md 2.1); the site itself is the judge of the rest.
  .regex(/^[^@\s]+@[^@\s]+\.[^@\s.]+$/, FIELD_MESSAGES.ftpEmail);

// Never trimmed: spaces can be part of a password.
export const FtpPasswordSchema = z
  .string({ error: FIELD_MESSAGES.ftpPassword })
  .min(1, FIELD_MESSAGES.ftpPassword)
  .max(128, FIELD_MESSAGES.ftpPassword);

export const SignupBodySchema = z.object({
  phone: PhoneInput,
  ftpEmail: FtpEmailSchema,
  ftpPassword: FtpPasswordSchema,
  preferences: PreferencesSchema.default(PreferencesSchema.parse({})),
  smsConsent: z.literal(true, { error: FIELD_MESSAGES.smsConsent }),
});
export type SignupBody = z.infer<typeof SignupBodySchema>;
export type SignupBodyInput = z.input<typeof SignupBodySchema>;

export type SignupParse = FieldParse<SignupBody>;
export type FieldParse<T> = { ok: true; body: T } | { ok: false; fields: Record<string, string> };

export function parseSignupBody(input: unknown): SignupParse {
  return parseWithFieldMessages(SignupBodySchema, input, FIELD_MESSAGES);
}

/**
 * Parses a request body. Messages are the fixed sentences given per top-level field, or the schema's own (also
 * fixed); zod's defaults are replaced because some of them quote what was received. Shared with the settings page.
 */
export function parseWithFieldMessages<S extends z.ZodType>(
  schema: S,
  input: unknown,
  messages: Readonly<Record<string, string>>,
): FieldParse<z.output<S>> {
  const result = schema.safeParse(input, {
    error: (issue) => {
      const top = String(issue.path?.[0] ?? "");
      if (top === "") return "Send the form as a JSON object";
      return messages[top] ?? "This field is not valid";
    },
  });
  if (result.success) return { ok: true, body: result.data };
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    // One message per field: `preferences.goals`, not `preferences.goals.0`.
    const path = issue.path.filter((p) => typeof p === "string").join(".") || "body";
    fields[path] ??= issue.message;
  }
  return { ok: false, fields };
}
