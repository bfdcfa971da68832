// Failures of operator actions, mapped to HTTP by the app's one error handler.
import { AppError } from "../errors";

export class JobAlreadyRunningError extends AppError<"job_already_running"> {
  constructor() {
    super("job_already_running", "A job for this user is already queued or running", { status: 409 });
  }
}

export class JobNotRetryableError extends AppError<"job_not_retryable"> {
  constructor(state: string) {
    super("job_not_retryable", `A job in state ${state} cannot be retried`, { status: 409, details: { state } });
  }
}
