// Variable-length integers in byte arrays: how the search index stores document numbers compactly.
// Shared by the build (writing) and the browser (reading), so both sides agree on every byte.

/** Appends unsigned integers (7 bits a byte, low bits first) and raw bytes to a growing buffer. */
export class ByteWriter {
  private buffer = new Uint8Array(1024);
  length = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  uint(value: number): void {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`not an unsigned integer: ${value}`);
    this.reserve(8);
    // Division rather than bit shifts: values may pass 2^31.
    while (value >= 0x80) {
      this.buffer[this.length++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buffer[this.length++] = value;
  }

  bytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** A string as its UTF-8 byte length, then the bytes. */
  text(value: string): void {
    // ASCII (most words and tags) is its own UTF-8: copied here, its length one byte. An encoded
    // copy a word (TextEncoder) was most of a shard's making: 50,000 words an edit at 10,000 datasets.
    const { length } = value;
    if (length < 0x80) {
      this.reserve(length + 1);
      const { buffer } = this;
      const start = this.length + 1;
      let index = 0;
      for (; index < length; index++) {
        const unit = value.charCodeAt(index);
        if (unit >= 0x80) break;
        buffer[start + index] = unit;
      }
      if (index === length) {
        buffer[this.length] = length;
        this.length = start + length;
        return;
      }
    }
    const encoded = encoder.encode(value);
    this.uint(encoded.length);
    this.bytes(encoded);
  }

  /** The bytes written so far (a copy, so the writer may go on). */
  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Reads what a ByteWriter wrote, in the same order. */
export class ByteReader {
  position = 0;
  private readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  get done(): boolean {
    return this.position >= this.bytes.length;
  }

  uint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.position >= this.bytes.length) throw new RangeError('the search index ends in the middle of a number');
      const byte = this.bytes[this.position++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }

  /** The next `length` bytes, without copying them. */
  slice(length: number): Uint8Array {
    if (this.position + length > this.bytes.length) throw new RangeError('the search index ends in the middle of a record');
    const part = this.bytes.subarray(this.position, this.position + length);
    this.position += length;
    return part;
  }

  text(): string {
    return decoder.decode(this.slice(this.uint()));
  }
}
