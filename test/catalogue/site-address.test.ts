// The site's address read ahead of loading (for the pages' compile): the loaded site's, or null when
// catalogue.yaml does not pass (loading then reports why).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSiteAddress } from '../../src/catalogue/site-address.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { contentFrom } from '../helpers/content.ts';

describe('the site address read ahead', () => {
  it("is the loaded catalogue's url and base path", async () => {
    const { contentDir } = await contentFrom('minimal');
    const file = path.join(contentDir, 'catalogue.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^url: .*$/m, 'url: https://example.org/data/catalogue'));
    const { catalogue } = await loadCatalogue({ contentDir, today: '2025-06-01' });
    expect(await readSiteAddress(contentDir)).toEqual({ url: catalogue.site.url, basePath: catalogue.site.basePath });
    expect(catalogue.site.basePath).toBe('/data/catalogue/');
  });

  it('is null when catalogue.yaml is missing or does not pass', async () => {
    const { contentDir } = await contentFrom('minimal');
    await writeFile(path.join(contentDir, 'catalogue.yaml'), 'title: No address\n');
    expect(await readSiteAddress(contentDir)).toBeNull();
    expect(await readSiteAddress(path.join(contentDir, 'nowhere'))).toBeNull();
  });
});
