// Reviewed golden files (STYLE habit 6): the one place that compares with them, and that rewrites them.
// UPDATE_GOLDEN=1 writes what the code produces now and then fails the test, so a rewrite never counts
// as a pass (it would compare a file with itself): review the diff, then run again without it.
// With CI set, UPDATE_GOLDEN is refused outright: a CI run must compare with the goldens as committed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Expects `actual` to be the golden file `file`, byte for byte (a text diff on failure). */
export function expectGolden(actual: string | Buffer, file: string): void {
  const name = path.relative(repoRoot, file);
  const bytes = Buffer.from(actual);
  if (process.env.UPDATE_GOLDEN) {
    if (process.env.CI) throw new Error(`UPDATE_GOLDEN is set in CI: goldens are never rewritten in CI (${name}). Unset UPDATE_GOLDEN.`);
    const changed = !existsSync(file) || !readFileSync(file).equals(bytes);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    throw new Error(`golden rewritten${changed ? '' : ' (unchanged)'}: ${name}: review the diff and run again without UPDATE_GOLDEN`);
  }
  expect(existsSync(file), `${name} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  const golden = readFileSync(file);
  expect(bytes.toString('utf8'), `differs from the reviewed ${name}`).toBe(golden.toString('utf8'));
  // Bytes too: invalid UTF-8 reads as U+FFFD in text, whichever bytes it was.
  expect(bytes.equals(golden), `differs from the reviewed ${name} in its bytes`).toBe(true);
}
