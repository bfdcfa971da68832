import { describe, expect, it } from "vitest";
import { type InboundRoutingPorts, prepareInbound } from "../../../app/sms/inbound-routing";
import type { StoredPart } from "../../../app/sms/reassembly";
import type { InboundSms } from "../../../app/sms/webhook-payloads";

const t0 = new Date("2026-09-15T12:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

function store(parts: StoredPart[]): InboundRoutingPorts & { claims: number } {
  const claimed = new Set<string>();
  const ports = {
    claims: 0,
    loadConcatParts: async () => parts,
    async claimConcatGroup(msisdn: string, ref: string) {
      ports.claims++;
      if (claimed.has(`${msisdn}:${ref}`)) return false;
      claimed.add(`${msisdn}:${ref}`);
      return true;
    },
  };
  return ports;
}

const message = (overrides: Partial<InboundSms> = {}): InboundSms => ({
  messageId: "m-2",
  msisdn: "12025550143",
  to: "18334391183",
  text: "world",
  type: "text",
  sentAt: null,
  concat: { ref: "7", total: 2, part: 2 },
  payload: {},
  ...overrides,
});

describe("prepareInbound", () => {
  it("when the text is a single message, then it is routed as it is", async () => {
    const routing = await prepareInbound(message({ concat: null, text: "PLAN" }), store([]), t0);
    expect(routing).toEqual({ type: "route", message: { messageId: "m-2", msisdn: "12025550143", type: "text", text: "PLAN" } });
  });

  it("when a part is still missing, then the job waits until 15 s after the first part", async () => {
    const routing = await prepareInbound(message(), store([{ part: 2, total: 2, text: "world", receivedAt: t0 }]), at(1_000));
    expect(routing).toEqual({ type: "wait", at: at(15_000) });
  });

  it("when both part jobs find the text complete, then exactly one routes the joined text", async () => {
    const parts = [
      { part: 2, total: 2, text: "world", receivedAt: t0 },
      { part: 1, total: 2, text: "stop the ", receivedAt: at(100) },
    ];
    const ports = store(parts);
    const first = await prepareInbound(message(), ports, at(200));
    const second = await prepareInbound(
      message({ messageId: "m-1", concat: { ref: "7", total: 2, part: 1 }, text: "stop the " }),
      ports,
      at(200),
    );
    expect(first).toEqual({ type: "route", message: { messageId: "m-2", msisdn: "12025550143", type: "text", text: "stop the world" } });
    expect(second).toEqual({ type: "already_routed" });
  });
});
