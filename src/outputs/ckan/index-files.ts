// Writes the compact index the CKAN request handler answers from (src/ckan-handler/): everything a
// read action needs, in two files that load fast. `packages.json` holds the package dicts exactly
// as `package_show` gives them (the same bytes), one per line in the static pages' order, so the
// handler splices them into answers without serialising them again; `catalogue.json` holds the
// rest. Private datasets are never in it, not even in an internal build: the handler serves the
// public view. Layout and reasons: docs/decisions/ckan-handler.md.
import type { Catalogue, Revision } from '../../catalogue/model.ts';
import { withheldMessage } from '../../catalogue/revisions.ts';
import { jsonText } from '../json-text.ts';
import { writeStreamed } from '../write-streamed.ts';
import { prepareCkanApi } from './action-files.ts';
import { savePrepared } from './prepared-store.ts';
import { ckanDateTime } from './dates.ts';
import { ckanIndexFiles, ckanIndexFormat } from './paths.ts';
import { legacyContext } from './rest.ts';
import { groupShow, licenseList, organizationList, groupList, organizationShow, statusShow, tagList, tagShow } from './results.ts';

/** `catalogue.json`: the small kinds, each as its CKAN action answers it by default. */
export interface CkanIndexCatalogue {
  format: typeof ckanIndexFormat;
  /** The catalogue's canonical URL (ends in `/`): `help` links, and the path the API lies under. */
  siteUrl: string;
  status: ReturnType<typeof statusShow>;
  licences: ReturnType<typeof licenseList>;
  /** `organization_show` of each team, in `organization_list` order. */
  organizations: ReturnType<typeof organizationShow>[];
  /** `group_show` of each topic, in `group_list` order. */
  groups: ReturnType<typeof groupShow>[];
  /** `tag_show` of each tag on a dataset, in `tag_list` order. */
  tags: ReturnType<typeof tagShow>[];
  /** Our dataset ids that differ from the CKAN name, by CKAN id: `package_show?id=` accepts them too, as the static files do. */
  datasetIds: Record<string, string>;
  /** What API v1/v2's dataset entity and revisions take beyond the package dict (src/ckan-handler/model-api.ts). */
  legacy: CkanIndexLegacy;
}

/** A revision as `package_revision_list` gives it, without the constant `approved_timestamp`. */
export interface CkanIndexRevision {
  id: string;
  timestamp: string;
  message: string;
  author: string;
}

export interface CkanIndexLegacy {
  /** Every revision that touched a dataset of the index, newest first (the catalogue's order). */
  revisions: CkanIndexRevision[];
  /**
   * Per package, in `packages.json`'s order: its description as HTML (`notes_rendered`: the
   * handler has no Markdown renderer) and the places in `revisions` of those that touched it, newest first.
   */
  datasets: [notesRendered: string, revisions: number[]][];
}

export async function writeCkanIndex(catalogue: Catalogue, outDir: string): Promise<{ datasets: number }> {
  const published = publicView(catalogue);
  const api = prepareCkanApi(published);
  const index: CkanIndexCatalogue = {
    format: ckanIndexFormat,
    siteUrl: published.site.url,
    status: statusShow(published.site),
    licences: licenseList(published),
    organizations: organizationList(published).map((name) => organizationShow(published.teams.find((team) => team.id === name)!, api.context)),
    groups: groupList(published).map((name) => groupShow(published.topics.find((topic) => topic.id === name)!, api.context)),
    tags: tagList(api.context).map((name) => tagShow(name, api.context)),
    datasetIds: Object.fromEntries(api.datasets.filter((dataset) => dataset.id !== dataset.name).map((dataset) => [dataset.uuid, dataset.id])),
    legacy: legacyIndex(catalogue, published, api),
  };
  await writeStreamed(outDir, ckanIndexFiles.catalogue, () => [jsonText(index)]);
  await writeStreamed(outDir, ckanIndexFiles.packages, () => packageLines(api.datasets.map((dataset) => dataset.json)));
  // The last writer of the CKAN output to read the package dicts.
  savePrepared();
  return { datasets: api.datasets.length };
}

/**
 * The v1/v2 facts of the package dicts, in the index's order (the revisions once, each dataset's as
 * places). An internal build's revisions carry the messages of commits that touched private
 * datasets: those are withheld here, as a public build's loader withholds them (`withheldMessage`).
 */
function legacyIndex(catalogue: Catalogue, published: Catalogue, api: ReturnType<typeof prepareCkanApi>): CkanIndexLegacy {
  const { revisionUuids, revisionsByDataset, datasetsById } = legacyContext(published, api.context);
  const privateIds = new Set(catalogue.datasets.filter((dataset) => dataset.sharing === 'private').map((dataset) => dataset.id));
  const touched = new Set([...revisionsByDataset.values()].flat());
  const revisions = published.revisions.filter((revision) => touched.has(revision));
  const place = new Map(revisions.map((revision, index) => [revision, index]));
  const message = (revision: Revision) => (revision.datasets.some((id) => privateIds.has(id)) ? withheldMessage : revision.message);
  return {
    revisions: revisions.map((revision) => ({ id: revisionUuids.get(revision.id)!, timestamp: ckanDateTime(revision.timestamp), message: message(revision), author: revision.author })),
    datasets: api.datasets.map((dataset) => [datasetsById.get(dataset.id)!.descriptionHtml, (revisionsByDataset.get(dataset.id) ?? []).map((revision) => place.get(revision)!)]),
  };
}

/** The catalogue without its private datasets (an internal build has them; the index never does). */
function publicView(catalogue: Catalogue): Catalogue {
  if (!catalogue.datasets.some((dataset) => dataset.sharing === 'private')) return catalogue;
  return { ...catalogue, datasets: catalogue.datasets.filter((dataset) => dataset.sharing !== 'private'), includesPrivate: false };
}

/** Characters gathered before a piece is handed to the stream. */
const chunkLength = 64 * 1024;

/**
 * A JSON array with one package dict per line: `[`, `{…},` …, `{…}`, `]`. Still one JSON text (every
 * file under api/ is), and a reader can take each line's bytes as they are: JSON text never holds
 * a raw line break.
 */
export function* packageLines(dictJsons: readonly string[]): Generator<string> {
  let chunk = '[\n';
  for (const [index, json] of dictJsons.entries()) {
    chunk += index === dictJsons.length - 1 ? `${json}\n` : `${json},\n`;
    if (chunk.length >= chunkLength) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}]`;
}
