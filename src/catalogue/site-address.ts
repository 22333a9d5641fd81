// Where the site lives, read from catalogue.yaml alone, before the catalogue loads: the compiled
// pages depend on nothing else of the content (src/build/page-bundle.ts), so the build starts them
// beside loading. Loading checks the file again and reports its problems; here a file that does not
// pass is only "not known yet" (null).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ProblemList } from './errors.ts';
import type { Site } from './model.ts';
import { readYamlFile } from './read-files.ts';
import { siteSchema } from './schema.ts';

export async function readSiteAddress(contentDir: string): Promise<Pick<Site, 'url' | 'basePath'> | null> {
  const file = path.join(contentDir, 'catalogue.yaml');
  if (!existsSync(file)) return null;
  const parsed = await readYamlFile(file, siteSchema, 'catalogue settings', new ProblemList());
  if (!parsed) return null;
  // As validate.ts resolves the site.
  return { url: parsed.value.url, basePath: new URL(parsed.value.url).pathname };
}
