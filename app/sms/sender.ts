// The outbound port: how the rest of the system sends one text, whatever carries it (Vonage, or the MOCK_SMS
// recorder). Deciding whether a text may be sent (state, opt-out, idempotency) is the caller's job.
import { countSegments } from "./segments";

export interface OutboundSms {
  /** Canonical `+1XXXXXXXXXX`. */
  to: string;
  text: string;
  /**
   * Our outbound message id, at most 40 characters: Vonage echoes it in delivery receipts (`client-ref`), which is
   * how a receipt finds its row.
   */
  clientRef: string;
}

export interface SentSms {
  /** The provider's id per part (a recorder makes its own). */
  providerMessageIds: string[];
  segments: number;
}

export interface SmsSender {
  send(message: OutboundSms): Promise<SentSms>;
}

export interface RecordedOutboundSms extends OutboundSms {
  segments: number;
  providerMessageId: string;
}

/**
 * MOCK_SMS=true (staging, demo): nothing leaves; each text goes to the sink, which the composition root points at
 * the database (and the phone simulator reads it back).
 */
export function createRecordingSender(sink: (record: RecordedOutboundSms) => Promise<void>, newId: () => string): SmsSender {
  return {
    async send(message) {
      const segments = countSegments(message.text).segments;
      const providerMessageId = `mock-${newId()}`;
      await sink({ ...message, segments, providerMessageId });
      return { providerMessageIds: [providerMessageId], segments };
    },
  };
}
