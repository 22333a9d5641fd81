// Writes the host configurations into the build: nginx, Apache and Netlify, each generated from the
// one rewrite table (src/outputs/ckan/rewrites.ts), so every host answers CKAN clients alike.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Catalogue } from '../../catalogue/model.ts';
import { ckanRewrites } from '../ckan/rewrites.ts';
import { apacheConfig, apacheConfigFile } from './apache.ts';
import { hostSite } from './host-site.ts';
import { netlifyHeaders, netlifyHeadersFile, netlifyRedirects, netlifyRedirectsFile } from './netlify.ts';
import { nginxConfig, nginxConfigFile } from './nginx.ts';

/** Each host configuration file, by its path in the build. */
export function hostConfigs(catalogue: Catalogue): Record<string, string> {
  const host = hostSite(catalogue.site);
  return {
    [nginxConfigFile]: nginxConfig(ckanRewrites, host),
    [apacheConfigFile]: apacheConfig(ckanRewrites, host),
    [netlifyRedirectsFile]: netlifyRedirects(ckanRewrites, host),
    [netlifyHeadersFile]: netlifyHeaders(ckanRewrites, host),
  };
}

export async function writeHostConfigs(catalogue: Catalogue, outDir: string): Promise<void> {
  for (const [file, text] of Object.entries(hostConfigs(catalogue))) await writeFile(path.join(outDir, file), text);
}
