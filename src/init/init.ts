// `datashelf init`: a publisher's repository from the starter in the package (starter/): a small
// example content/, the workflows, a README for editors, LFS rules, editor settings, and a
// package.json that depends on datashelf, so a portal upgrades by a version bump.
import { cp, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { editorSettings } from '../schema/editor-settings.ts';
import { UserError } from '../util/user-error.ts';

/** The package's root: two folders up from this module, in src/ and in lib/ alike. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const starterDir = path.join(packageRoot, 'starter');

export interface InitOptions {
  dir: string;
  title: string;
  url: string;
  publisher: string;
  /** What package.json depends on: a version range, a Git URL or a tarball (file:…). */
  datashelf: string;
}

/** The commands a publisher's repository runs, as npm scripts (the workflows call these). */
export const publisherScripts: Record<string, string> = {
  check: 'datashelf check',
  build: 'datashelf build',
  preview: 'datashelf preview',
  new: 'datashelf new',
  diff: 'datashelf diff',
  qa: 'datashelf qa',
};

// Files npm would not pack under their own names.
const renamed: Record<string, string> = { 'gitignore.template': '.gitignore', '.gitattributes.template': '.gitattributes' };
const templated = /\.(md|ya?ml|json)$/;

export async function initRepository(options: InitOptions): Promise<string[]> {
  const existing = await readdir(options.dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (existing.length > 0) throw new UserError(`${options.dir} is not empty: datashelf init makes a new repository.`, 'Give a new folder, e.g. datashelf init my-portal.');
  await mkdir(options.dir, { recursive: true });
  await cp(starterDir, options.dir, { recursive: true });
  const values: Record<string, string> = { title: options.title, url: options.url.endsWith('/') ? options.url : `${options.url}/`, publisher: options.publisher };
  const written: string[] = [];
  for (const entry of await readdir(options.dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (templated.test(entry.name)) {
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => values[name] ?? placeholder));
    }
    const target = renamed[entry.name] ? path.join(entry.parentPath, renamed[entry.name]!) : file;
    if (target !== file) await rename(file, target);
    written.push(path.relative(options.dir, target).split(path.sep).join('/'));
  }
  const name = path.basename(path.resolve(options.dir)).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'open-data';
  const manifest = { name, private: true, scripts: publisherScripts, dependencies: { datashelf: options.datashelf } };
  await writeFile(path.join(options.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await mkdir(path.join(options.dir, '.vscode'), { recursive: true });
  await writeFile(path.join(options.dir, '.vscode/settings.json'), editorSettings('./node_modules/datashelf/schema'));
  written.push('package.json', '.vscode/settings.json');
  return written.sort();
}

/** This package's version, as the default dependency of a new repository. */
export async function ownVersion(): Promise<string> {
  return (JSON.parse(await readFile(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}
