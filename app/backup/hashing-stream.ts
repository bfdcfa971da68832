// A pass-through stream that hashes and counts what flows through it, so a dump's SHA-256 is known the moment
// its last byte leaves, without holding the dump anywhere.
import { createHash } from "node:crypto";
import { Transform } from "node:stream";

export class HashingStream extends Transform {
  #hash = createHash("sha256");
  #bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.#hash.update(chunk);
    this.#bytes += chunk.length;
    this.push(chunk);
    callback();
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Valid once the stream has ended. */
  digestHex(): string {
    return this.#hash.copy().digest("hex");
  }
}
