// The CRC-32 of two byte runs put end to end, combined from theirs: zlib's own CRC-32 of the whole,
// wherever the bytes are cut (empty runs and long ones included).
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32Combine } from '../../src/outputs/crc32-combine.ts';

/** A reproducible pseudo-random number below `limit` (xorshift), so a failure can be run again. */
function numbers(seed: number): (limit: number) => number {
  let state = seed;
  return (limit) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % limit;
  };
}

describe('crc32Combine', () => {
  it('gives the CRC-32 of the whole for every cut of random bytes into two', () => {
    const next = numbers(12);
    const bytes = randomBytes(200_000);
    for (let trial = 0; trial < 200; trial++) {
      const start = next(1000);
      const end = start + next(bytes.length - start);
      const whole = bytes.subarray(start, end);
      const cut = trial % 10 === 0 ? (trial % 20 === 0 ? 0 : whole.length) : next(whole.length + 1);
      const [a, b] = [whole.subarray(0, cut), whole.subarray(cut)];
      expect(crc32Combine(crc32(a), crc32(b), b.length), `${start}+${cut}+${b.length}`).toBe(crc32(whole));
    }
  });

  it('puts many runs together in order, as a file of kept pieces is', () => {
    const next = numbers(7);
    const bytes = randomBytes(3 * 1024 * 1024);
    let crc = 0;
    for (let at = 0; at < bytes.length; ) {
      const run = bytes.subarray(at, at + 1 + next(300_000));
      crc = crc32Combine(crc, crc32(run), run.length);
      at += run.length;
    }
    expect(crc).toBe(crc32(bytes));
    // Not a sum that ignores the order: the runs swapped give another checksum.
    const [a, b] = [bytes.subarray(0, 1000), bytes.subarray(1000, 5000)];
    expect(crc32Combine(crc32(b), crc32(a), a.length)).not.toBe(crc32(bytes.subarray(0, 5000)));
  });
});
