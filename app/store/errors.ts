// Failures of the store that callers branch on. Lock, migration and key errors live beside the code that raises
// them (owner-lock.ts, migrations.ts, security/crypto.ts); these are the repositories' own.
import type { z } from "zod";
import { AppError, ValidationError } from "../errors";

/** A jsonb column no longer matches its schema (a bad write, or a schema change without a data migration). */
export class StoredDataInvalidError extends AppError<"stored_data_invalid"> {
  constructor(
    readonly table: string,
    readonly rowId: string,
    cause: unknown,
  ) {
    super("stored_data_invalid", `${table} row ${rowId} does not match its schema`, { status: 500, cause });
  }
}

/** A write named a user that does not exist (foreign key), e.g. an account erased while a job ran. */
export class UnknownUserError extends AppError<"unknown_user"> {
  constructor(readonly userId: string) {
    super("unknown_user", `no user ${userId}`, { status: 404 });
  }
}

/** Sign-up for a phone that already has an account; the caller decides what that means per state (product.md 1.2). */
export class PhoneTakenError extends AppError<"phone_taken"> {
  constructor() {
    super("phone_taken", "an account already exists for this phone", { status: 409 });
  }
}

/**
 * Any other database failure. Built from the driver error's SQLSTATE, constraint and table only: drizzle's own error
 * message lists the query parameters, and PostgreSQL's `detail` quotes key values, both of which can be a phone
 * number or a ciphertext, so neither may travel on into logs or error reports.
 */
export class DatabaseError extends AppError<"database_error"> {
  constructor(
    readonly operation: string,
    readonly sqlState: string | undefined,
    readonly constraint: string | undefined,
  ) {
    super("database_error", `${operation} failed${sqlState ? ` (SQLSTATE ${sqlState}${constraint ? `, ${constraint}` : ""})` : ""}`, {
      status: 503,
      details: { sqlState, constraint },
    });
  }
}

interface DriverErrorFields {
  code?: unknown;
  constraint?: unknown;
}

/** The PostgreSQL error beneath drizzle's wrapper, reduced to fields that never carry values. */
export function driverError(err: unknown): { sqlState: string | undefined; constraint: string | undefined } {
  let current: unknown = err;
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    const fields = current as DriverErrorFields;
    if (typeof fields.code === "string" && /^[0-9A-Z]{5}$/.test(fields.code)) {
      return { sqlState: fields.code, constraint: typeof fields.constraint === "string" ? fields.constraint : undefined };
    }
    current = current.cause;
  }
  return { sqlState: undefined, constraint: undefined };
}

export const UNIQUE_VIOLATION = "23505";
export const FOREIGN_KEY_VIOLATION = "23503";

/**
 * Runs one repository statement and replaces whatever it throws with a typed error free of query parameters.
 * `translate` may map a specific SQLSTATE/constraint to a domain error first.
 */
export async function guarded<T>(
  operation: string,
  run: () => Promise<T>,
  translate?: (failure: { sqlState: string | undefined; constraint: string | undefined }) => Error | undefined,
): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError) throw err;
    const failure = driverError(err);
    throw translate?.(failure) ?? new DatabaseError(operation, failure.sqlState, failure.constraint);
  }
}

/** For `guarded`'s translate: a foreign-key failure on a user-owned row means the user is gone. */
export function unknownUserOn(userId: string): (failure: { sqlState: string | undefined }) => Error | undefined {
  return (failure) => (failure.sqlState === FOREIGN_KEY_VIOLATION ? new UnknownUserError(userId) : undefined);
}

/** Parses a value about to be stored; a mismatch becomes a ValidationError naming each failing field. */
export function parseForWrite<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || what, i.message]));
  throw new ValidationError(`${what} is invalid`, fields);
}
