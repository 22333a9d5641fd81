// `datashelf review`: the datasets past their nextReviewDate, for the weekly job summary.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { contentFrom } from '../helpers/content.ts';

async function review(args: string[], cwd: string) {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await main(['review', ...args], { stdout, stderr: new PassThrough(), env: {}, cwd });
  return { code, out };
}

describe('datashelf review', () => {
  it('lists public datasets due on or before the day, oldest first, and leaves private ones out', async () => {
    const { root } = await contentFrom('minimal', { 'datasets/secret-staff': null });
    const { root: withPrivate } = await contentFrom('minimal');
    expect((await review(['--date', '2025-01-14'], root)).out).toBe('## Datasets due for review\n\nNone of 2 datasets is due for review on 2025-01-14.\n\n1 dataset has no nextReviewDate.\n');
    const due = await review(['--date', '2025-02-14'], withPrivate);
    expect(due.code).toBe(0);
    expect(due.out).toBe(
      '## Datasets due for review\n\n1 of 2 datasets is due for review on 2025-02-14.\n\n| review due | dataset | team | days overdue |\n|---|---|---|---|\n| 2025-01-15 | `foi` Freedom of Information Requests | Information Governance | 30 |\n\n1 dataset has no nextReviewDate.\n',
    );
    expect(due.out).not.toMatch(/staff/i);
  });
});
