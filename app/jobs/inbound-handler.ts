// The inbound job: one stored text (or the last part of a multipart one) routed through the conversation.
// Runs once per stored row; a row already handled is skipped, so a retried job repeats nothing.
import { AppError } from "../errors";
import type { ConversationService } from "../sms";
import { reassemble } from "../sms/reassembly";
import type { MessagesRepository } from "../store";
import type { InboundJob } from "./queues";

/** Parts are still arriving: the queue retries the job shortly (pg-boss retry with delay). */
export class PartsMissingError extends AppError<"parts_missing"> {
  constructor(readonly checkAt: Date) {
    super("parts_missing", "Waiting for the other parts of a multipart text");
  }
}

export interface InboundHandlerDeps {
  messages: Pick<MessagesRepository, "findInboundById" | "setInboundState" | "concatParts">;
  conversation: ConversationService;
  now: () => Date;
}

export function createInboundHandler(deps: InboundHandlerDeps) {
  return async function handleInbound(job: InboundJob): Promise<void> {
    const row = await deps.messages.findInboundById(job.inboundId);
    if (!row || row.state === "processed" || row.state === "ignored") return;
    const payload = row.payload as { messageId: string; msisdn: string; text: string; type: "text" | "unicode" | "binary" };
    let text = payload.text;
    let handledIds = [row.id];
    if (row.concatRef !== null) {
      const parts = await deps.messages.concatParts(row.msisdn, row.concatRef);
      if (parts.some((p) => p.state === "processed")) {
        await deps.messages.setInboundState(row.id, "ignored");
        return;
      }
      const result = reassemble(
        parts.map((p) => ({
          part: p.concatPart ?? 1,
          total: p.concatTotal ?? 1,
          text: String((p.payload as { text?: unknown }).text ?? ""),
          receivedAt: p.receivedAt,
        })),
        deps.now(),
      );
      if (!result.ready) throw new PartsMissingError(result.checkAt);
      text = result.text;
      handledIds = parts.map((p) => p.id);
    }
    await deps.conversation.handleInbound({ messageId: payload.messageId, msisdn: payload.msisdn, text, type: payload.type });
    for (const id of handledIds) await deps.messages.setInboundState(id, "processed");
  };
}
