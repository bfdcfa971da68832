// Multipart inbound texts (spec/product.md 3.1): parts share (msisdn, concat-ref) and are routed once all are in,
// or 15 s after the first arrived with whatever came, in part order. Pure over the parts the store holds.

/**
 * Carriers deliver the parts of one text within seconds; 15 s (product.md 3.1) bounds how long a customer waits
 * for any reply when a part is lost on the way.
 */
export const REASSEMBLY_WAIT_MS = 15_000;

export interface StoredPart {
  part: number;
  total: number;
  text: string;
  receivedAt: Date;
}

export type Reassembly =
  | { ready: true; text: string; complete: boolean; parts: number[] }
  /** Not yet: look again at `checkAt` (when the wait for missing parts runs out). */
  | { ready: false; checkAt: Date; missing: number[] };

export function reassemble(parts: readonly StoredPart[], now: Date): Reassembly {
  if (parts.length === 0) throw new RangeError("reassemble needs at least one part");
  const byPart = new Map<number, StoredPart>();
  // A redelivered part has a new messageId but the same number; the first copy wins.
  for (const p of [...parts].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())) {
    if (!byPart.has(p.part)) byPart.set(p.part, p);
  }
  const total = Math.max(...parts.map((p) => p.total));
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((n) => !byPart.has(n));
  const ordered = [...byPart.values()].sort((a, b) => a.part - b.part);
  const text = ordered.map((p) => p.text).join("");
  const numbers = ordered.map((p) => p.part);
  if (missing.length === 0) return { ready: true, text, complete: true, parts: numbers };
  const firstAt = Math.min(...parts.map((p) => p.receivedAt.getTime()));
  const checkAt = new Date(firstAt + REASSEMBLY_WAIT_MS);
  if (now.getTime() >= checkAt.getTime()) return { ready: true, text, complete: false, parts: numbers };
  return { ready: false, checkAt, missing };
}
