// The OpenAI adapter: one structured-output request (Responses API) for a plan draft. The client is built and
// injected by compose.ts; this module maps the SDK's outcomes to a text answer or an AiRequestError.
import OpenAI from "openai";
import { zodTextFormat } from "openai/helpers/zod";
import { AiRequestError } from "./errors";
import { PlanDraftSchema } from "./meal-plan-schema";
import type { PromptMessages } from "./prompt";

export interface AiAnswer {
  /** The raw JSON text of the answer; parsed and validated by the planner service. */
  text: string;
  model: string;
}

export interface PlanModel {
  readonly model: string;
  requestDraft(prompt: PromptMessages): Promise<AiAnswer>;
}

export interface OpenAiPlanModelOptions {
  client: OpenAI;
  model: string;
  /** Per-request timeout (OPENAI_TIMEOUT_MS). The job queue owns retries, so the SDK makes none. */
  timeoutMs: number;
  /** Upper bound on answer length; a 5-meal plan is about 2,500 tokens. @default 6000 */
  maxOutputTokens?: number;
}

export function createOpenAiPlanModel(options: OpenAiPlanModelOptions): PlanModel {
  const format = zodTextFormat(PlanDraftSchema, "meal_plan");
  return {
    model: options.model,
    async requestDraft(prompt) {
      let response: OpenAI.Responses.Response;
      try {
        response = await options.client.responses.create(
          {
            model: options.model,
            instructions: prompt.instructions,
            input: prompt.input,
            text: { format },
            store: false,
            max_output_tokens: options.maxOutputTokens ?? 6000,
          },
          { timeout: options.timeoutMs, maxRetries: 0 },
        );
      } catch (err) {
        if (err instanceof OpenAI.APIConnectionTimeoutError) throw new AiRequestError("ai_timeout", "The AI did not answer in time", err);
        if (err instanceof OpenAI.APIError)
          throw new AiRequestError("ai_unavailable", `The AI request failed (${err.status ?? "no status"})`, err);
        throw new AiRequestError("ai_unavailable", "The AI request failed", err);
      }
      let text = "";
      for (const item of response.output) {
        if (item.type !== "message") continue;
        for (const part of item.content) {
          if (part.type === "refusal") throw new AiRequestError("ai_refused", "The AI refused to plan");
          if (part.type === "output_text") text += part.text;
        }
      }
      if (text.trim() === "") throw new AiRequestError("ai_empty", `The AI answered no plan (status ${response.status ?? "unknown"})`);
      return { text, model: response.model || options.model };
    },
  };
}
