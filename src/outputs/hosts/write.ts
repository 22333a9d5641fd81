// Writes the host configurations into the build, a step of every build after its outputs: nginx,
// Apache and Netlify, each generated from the site's rules and the enabled outputs' (table.ts), so
// every host serves the build alike; and the manifest that tells `datashelf preview` the same.
import type { Catalogue } from '../../catalogue/model.ts';
import type { EdgeHost } from '../../edge/files.ts';
import { writeEdgeFunctions } from '../../edge/write.ts';
import { ckanApiOutput } from '../ckan/output.ts';
import { ckanKeyMaps } from '../ckan/rewrites.ts';
import type { Output } from '../output.ts';
import { sinkFor, type OutputEntry } from '../output-sink.ts';
import { Fragments, fragmentsConfig } from '../../build/fragments.ts';
import { valueDigest } from '../value-digest.ts';
import { apacheConfig, apacheConfigFile } from './apache.ts';
import { hostSite } from './host-site.ts';
import { outputsManifest, outputsManifestFile } from './manifest.ts';
import { netlifyHeaders, netlifyHeadersFile, netlifyRedirects, netlifyRedirectsFile } from './netlify.ts';
import { nginxConfig, nginxConfigFile } from './nginx.ts';
import { nginxServeConfigFile } from './nginx-serve.ts';
import { hostTable } from './table.ts';

/** Each host configuration file, by its path in the build. */
export function hostConfigs(catalogue: Catalogue, outputs: readonly Output[]): Record<string, string> {
  const host = hostSite(catalogue.site);
  const table = hostTable(outputs);
  // nginx holds a map from each dataset's UUID to its name (package_show's file is by name).
  const keyMaps = outputs.includes(ckanApiOutput) ? ckanKeyMaps(catalogue) : {};
  return {
    [nginxConfigFile]: nginxConfig(table, host, false, keyMaps),
    // With the CKAN API, the block for nginx with `datashelf serve` beside it (docs/hosting.md).
    ...(table.forms.length > 0 ? { [nginxServeConfigFile]: nginxConfig(table, host, true, keyMaps) } : {}),
    [apacheConfigFile]: apacheConfig(table, host),
    [netlifyRedirectsFile]: netlifyRedirects(table, host),
    [netlifyHeadersFile]: netlifyHeaders(table, host),
    [outputsManifestFile]: outputsManifest(outputs.map((output) => output.id)),
  };
}

/**
 * What the host configurations are made of: the site, the outputs (their table), and each
 * dataset's id, CKAN id and name (nginx's map from UUID to name). Hashed from those fields alone: a
 * pass over the datasets, not the UUIDs worked out, sorted and written into the configurations (on
 * an edit at 10,000 datasets about 55 ms of CPU and the garbage of it, to give the same files).
 */
export function hostInputs(catalogue: Catalogue, outputs: readonly Output[]): string {
  let datasets = '';
  for (const dataset of catalogue.datasets) datasets += `${dataset.id}\0${dataset.ckanId ?? ''}\0${dataset.name}\n`;
  return valueDigest([hostSite(catalogue.site), catalogue.site.url, outputs.map((output) => output.id), datasets]);
}

export async function writeHostConfigs(catalogue: Catalogue, outDir: string, outputs: readonly Output[], edge: readonly EdgeHost[] = []): Promise<void> {
  const sink = sinkFor(outDir);
  // With a cache, the files' entries are kept by what they are made of: when the previous output
  // holds those very files, they are neither made nor written again.
  const kept = fragmentsConfig() ? new Fragments<[string, OutputEntry][]>('hosts', '') : null;
  const inputs = kept ? hostInputs(catalogue, outputs) : '';
  const entries = kept?.peek(inputs);
  if (kept && entries && entries.every(([file, entry]) => sink.previousEntry(file)?.hash === entry.hash)) {
    for (const [file, entry] of entries) sink.keepIfPrevious(file, entry);
    kept.find(inputs);
  } else {
    const written = Object.entries(hostConfigs(catalogue, outputs)).map(([file, text]): [string, OutputEntry] => [file, sink.write(file, text)]);
    kept?.set(inputs, written);
  }
  kept?.save();
  // Hosts that run code, when asked for, get the CKAN request handler for what the files cannot answer.
  if (outputs.includes(ckanApiOutput)) await writeEdgeFunctions(catalogue, outDir, hostTable(outputs), edge);
}
