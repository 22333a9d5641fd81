// Packages a build needs only now and then, loaded the first time they are used instead of with
// the module that names them: every `datashelf build` imports the whole runtime before it starts,
// and an edit at 10,000 datasets renders no Markdown, positions no YAML error and cuts no odd front
// matter, so their packages (markdown-it with sanitize-html and its parsers, yaml, gray-matter with
// its js-yaml and esprima) cost about 90 ms of CPU at its start for nothing (docs/performance.md,
// "start-cost"). Loaded synchronously (`require`, their CommonJS builds), so the code that uses
// them stays synchronous.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A function giving the package `name` (its CommonJS export), required on its first call. */
export function onFirstUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
