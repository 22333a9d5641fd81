// DCAT-US 1.1 (Project Open Data) as one output: /data.json, the catalogue as data.gov and other US
// portals harvest it. Each dataset's entry is shaped in datajson-dataset.ts.
import type { Catalogue } from '../catalogue/model.ts';
import { Fragments, fragmentsConfig } from '../build/fragments.ts';
import { podDataset } from './datajson-dataset.ts';
import { jsonText } from './json-text.ts';
import type { Output } from './output.ts';
import { DeflatedPieces, fileRuns } from './deflated-pieces.ts';
import { datasetKeys, writeWithGzip } from './kept-gzip.ts';
import { FileLayouts } from './file-layout.ts';
import { sinkFor } from './output-sink.ts';
import { valueDigest } from './value-digest.ts';

export const dataJsonPath = 'data.json';

/** The schema version the file conforms to, as the federal schema's `conformsTo` requires it. */
export const podSchema = 'https://project-open-data.cio.gov/v1.1/schema';

/** Everything but the datasets, in the order the schema documents it. */
export function podCatalogueHeader(catalogue: Pick<Catalogue, 'site'>) {
  return {
    '@context': `${podSchema}/catalog.jsonld`,
    '@id': `${catalogue.site.url}${dataJsonPath}`,
    '@type': 'dcat:Catalog',
    conformsTo: podSchema,
    describedBy: `${podSchema}/catalog.json`,
  };
}

/**
 * Writes data.json one dataset at a time (sorted by id, as the catalogue is), so memory does not
 * grow with it. Each entry's text is kept between builds by the dataset's digest; an entry reads the
 * site (its language, publisher and contact) besides the dataset, so the store is the site's. When
 * the previous output holds the file, an unchanged dataset's entry is taken from it (file-layout.ts)
 * and the store is neither read nor written.
 */
export async function writeDataJson(catalogue: Catalogue, outDir: string): Promise<void> {
  const context = valueDigest(catalogue.site);
  const keeps = fragmentsConfig() !== null;
  const entries = keeps && sinkFor(outDir).previousEntry(dataJsonPath) === undefined ? new Fragments<string>('data.json', context) : null;
  const layouts = keeps ? new FileLayouts('data.json', context) : null;
  // Its gzip copy from pieces kept between builds as well (kept-gzip.ts).
  const pieces = new DeflatedPieces('data.json-gzip', context, fileRuns);
  const header = jsonText({ ...podCatalogueHeader(catalogue), dataset: [] });
  // `…,"dataset":[]}` opened up: the datasets go between the brackets.
  const opening = header.slice(0, -'[]}'.length);
  const { datasets } = catalogue;
  const keys = datasetKeys(datasets);
  const text = (index: number) => {
    const entry = () => jsonText(podDataset(catalogue.site, datasets[index]!));
    // Without a cache the entries are not held (the store would keep every one to the end for nothing).
    return `${index === 0 ? '\n' : ',\n'}${entries ? entries.get(keys.digests[index]!, entry) : entry()}`;
  };
  await writeWithGzip(outDir, dataJsonPath, `${opening}[`, { ...keys, text }, catalogue.datasets.length === 0 ? ']}\n' : '\n]}\n', pieces, layouts);
  entries?.save();
  layouts?.save();
  await pieces.save();
}

export const dataJsonOutput: Output = {
  id: 'data-json',
  thread: 'main',
  parts: [{ name: 'data.json', write: writeDataJson }],
  mediaTypes: { json: 'application/json' },
  // Read by harvesters, some of them pages in a browser on another site.
  hostRules: { corsPaths: [dataJsonPath] },
  describe: () => ({
    summary: 'Harvesters that read the US Project Open Data schema, such as data.gov, read the whole catalogue from data.json.',
    links: [{ path: dataJsonPath, label: 'The catalogue as DCAT-US 1.1 (Project Open Data data.json)' }],
    datasetLinks: [],
    reference: [
      {
        id: 'data-json',
        title: 'DCAT-US (data.json)',
        intro: 'Every dataset, described in the Project Open Data metadata schema v1.1 (DCAT-US), which data.gov and other US portals harvest.',
        endpoints: [{ name: 'data.json', summary: 'Every dataset with its keywords, publisher, contact, licence, dates, time frame and files.', example: dataJsonPath }],
      },
    ],
  }),
};
