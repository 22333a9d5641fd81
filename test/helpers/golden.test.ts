// The golden helper: a comparison passes only against a file that was there before the test, never
// against one it has just written; in CI, UPDATE_GOLDEN is refused by the helper and by .ci/run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { expectGolden } from './golden.ts';

const scratchDirs: string[] = [];
function scratch(): string {
  scratchDirs.push(mkdtempSync(path.join(os.tmpdir(), 'datashelf-golden-')));
  return scratchDirs.at(-1)!;
}

afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('expectGolden', () => {
  it('passes on the same bytes, and fails on a change or a missing file', () => {
    vi.stubEnv('UPDATE_GOLDEN', undefined);
    const golden = path.join(scratch(), 'answer.json');
    writeFileSync(golden, '{"a": 1}\n');
    expectGolden('{"a": 1}\n', golden);
    expect(() => expectGolden('{"a": 2}\n', golden)).toThrow(/differs from the reviewed/);
    expect(() => expectGolden(Buffer.from('\uFEFF{"a": 1}\n'), golden)).toThrow(/differs from the reviewed/);
    expect(() => expectGolden('{}', path.join(path.dirname(golden), 'none.json'))).toThrow(/none\.json is missing: run with UPDATE_GOLDEN=1/);
  });

  it('with UPDATE_GOLDEN, writes the golden and then fails, so a rewrite never passes', () => {
    vi.stubEnv('CI', undefined);
    vi.stubEnv('UPDATE_GOLDEN', '1');
    const golden = path.join(scratch(), 'new', 'answer.json');
    expect(() => expectGolden('{"a": 2}\n', golden)).toThrow(/^golden rewritten: .*new\/answer\.json: review the diff and run again without UPDATE_GOLDEN$/);
    expect(readFileSync(golden, 'utf8')).toBe('{"a": 2}\n');
    expect(() => expectGolden('{"a": 2}\n', golden)).toThrow(/^golden rewritten \(unchanged\): /);
  });

  it('with UPDATE_GOLDEN in CI, fails without writing anything', () => {
    vi.stubEnv('CI', 'true');
    vi.stubEnv('UPDATE_GOLDEN', '1');
    const golden = path.join(scratch(), 'answer.json');
    writeFileSync(golden, 'reviewed\n');
    expect(() => expectGolden('changed\n', golden)).toThrow(/^UPDATE_GOLDEN is set in CI: goldens are never rewritten in CI/);
    expect(() => expectGolden('changed\n', `${golden}.new`)).toThrow(/never rewritten in CI/);
    expect(readFileSync(golden, 'utf8')).toBe('reviewed\n');
    expect(existsSync(`${golden}.new`)).toBe(false);
  });
});

describe('.ci/run', () => {
  it('refuses to run with UPDATE_GOLDEN set', () => {
    // A copy in an empty folder: were the check gone, it would install and test nothing of this repository.
    const root = scratch();
    mkdirSync(path.join(root, '.ci'));
    copyFileSync(fileURLToPath(new URL('../../.ci/run', import.meta.url)), path.join(root, '.ci/run'));
    const run = spawnSync('bash', [path.join(root, '.ci/run')], { env: { ...process.env, CI: 'true', UPDATE_GOLDEN: '1' }, encoding: 'utf8', timeout: 60_000 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: expect.stringMatching(/^UPDATE_GOLDEN is set: goldens are never rewritten in CI/) });
    expect(run.stdout).toBe('');
  });
});
