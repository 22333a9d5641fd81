// The outputs a writer thread writes, by the ids the build hands it (api-thread.ts `JobOnThread`).
import type { Output } from '../outputs/output.ts';

/**
 * The outputs the thread writes, each imported alone: importing every output (outputs/index.ts: the
 * exports' XLSX and CSV writers, the search index, the content schemas…) cost each writer thread
 * about 80 ms of CPU at its start, with Node's compile cache, for modules it never ran. Another
 * output is found in the whole list.
 */
export const threadOutputModules: Readonly<Record<string, () => Promise<Output>>> = {
  'ckan-api': async () => (await import('../outputs/ckan/output.ts')).ckanApiOutput,
  dcat: async () => (await import('../outputs/dcat/output.ts')).dcatOutput,
};

/** The outputs of these ids, in this order (the build's). */
export async function threadOutputs(ids: readonly string[]): Promise<Output[]> {
  if (ids.every((id) => threadOutputModules[id] !== undefined)) return Promise.all(ids.map((id) => threadOutputModules[id]!()));
  const { allOutputs } = await import('../outputs/index.ts');
  return ids.map((id) => allOutputs.find((output) => output.id === id)!);
}
