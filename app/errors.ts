// The root of every expected failure. Domains subclass it with a literal `code`; the Express error handler,
// the SMS reply table and the job retry policy each map these classes in one place.

export interface AppErrorOptions {
  /** HTTP status when this failure reaches the API edge. @default 500 */
  status?: number;
  /** Extra fields for the error body (never secrets or personal data). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class AppError<Code extends string = string> extends Error {
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  constructor(
    readonly code: Code,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status ?? 500;
    this.details = options.details;
  }
}

export class NotFoundError extends AppError<"not_found"> {
  constructor(message = "Not found") {
    super("not_found", message, { status: 404 });
  }
}

export class UnauthorizedError extends AppError<"unauthorized"> {
  constructor(message = "Missing or invalid credentials") {
    super("unauthorized", message, { status: 401 });
  }
}

export class ValidationError extends AppError<"validation_failed"> {
  constructor(
    message: string,
    readonly fields: Record<string, string>,
  ) {
    super("validation_failed", message, { status: 400, details: { fields } });
  }
}
