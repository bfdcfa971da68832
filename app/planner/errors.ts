// The planner's failures. AI failures never reach a customer: the service answers with the fallback plan instead.
import { AppError } from "../errors";

export type AiFailureCode = "ai_timeout" | "ai_unavailable" | "ai_refused" | "ai_empty";

export class AiRequestError extends AppError<AiFailureCode> {
  constructor(code: AiFailureCode, message: string, cause?: unknown) {
    super(code, message, { status: 502, cause });
  }
}

/** The chosen cart has nothing to plan with; the pipeline answers CART_EMPTY before it gets here. */
export class CartEmptyError extends AppError<"cart_empty"> {
  constructor() {
    super("cart_empty", "The cart has no items or box selections to plan with", { status: 422 });
  }
}
