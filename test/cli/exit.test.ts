import { describe, expect, it } from 'vitest';
import { exitOnceWritten } from '../../src/cli/exit.ts';

describe('exitOnceWritten', () => {
  it('ends the process with the code only after every stream has written what it was given', async () => {
    const pending: (() => void)[] = [];
    const stream = { write: (_chunk: string, callback: () => void) => (pending.push(callback), false) };
    const exits: number[] = [];
    const ending = exitOnceWritten(3, [stream, stream], (code) => exits.push(code));
    await new Promise((resolve) => setImmediate(resolve));
    // Both streams still writing: the process goes on.
    expect(pending).toHaveLength(2);
    expect(exits).toEqual([]);
    pending[0]!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([]);
    pending[1]!();
    await ending;
    expect(exits).toEqual([3]);
  });
});
