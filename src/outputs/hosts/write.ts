// Writes the host configurations into the build, a step of every build after its outputs: nginx,
// Apache and Netlify, each generated from the site's rules and the enabled outputs' (table.ts), so
// every host serves the build alike; and the manifest that tells `datashelf preview` the same.
import type { Catalogue } from '../../catalogue/model.ts';
import type { EdgeHost } from '../../edge/files.ts';
import { writeEdgeFunctions } from '../../edge/write.ts';
import { ckanApiOutput } from '../ckan/output.ts';
import { ckanKeyMaps } from '../ckan/rewrites.ts';
import type { Output } from '../output.ts';
import { writeOutputFile } from '../output-sink.ts';
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

export async function writeHostConfigs(catalogue: Catalogue, outDir: string, outputs: readonly Output[], edge: readonly EdgeHost[] = []): Promise<void> {
  for (const [file, text] of Object.entries(hostConfigs(catalogue, outputs))) writeOutputFile(outDir, file, text);
  // Hosts that run code, when asked for, get the CKAN request handler for what the files cannot answer.
  if (outputs.includes(ckanApiOutput)) await writeEdgeFunctions(catalogue, outDir, hostTable(outputs), edge);
}
