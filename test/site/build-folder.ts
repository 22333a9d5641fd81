// A fresh temporary folder for a test's builds, removed afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface BuildFolder {
  dir: string;
  remove(): Promise<void>;
}

export async function buildFolder(name: string): Promise<BuildFolder> {
  const dir = await mkdtemp(path.join(tmpdir(), `datashelf-${name}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
