// The index made ready to answer from, once when the handler is created: the search index of the
// package dicts (documents.ts → search-index.ts), and the lookups the actions need (by id, name,
// resource id), so a request costs lookups in typed arrays and a splice of JSON texts, never a
// parse of the catalogue.
import type { CkanIndexCatalogue } from '../outputs/ckan/index-files.ts';
import type { PackageDict } from '../outputs/ckan/package.ts';
import { documentFields } from './documents.ts';
import type { CkanIndex } from './index-data.ts';
import { SearchIndexBuilder, type SearchIndex } from './search-index.ts';

export type GroupDict = CkanIndexCatalogue['groups'][number];
export type TagDict = CkanIndexCatalogue['tags'][number];

/** A package of the index: its dict as JSON text and what lists and lookups read of it. */
export interface IndexedPackage {
  json: string;
  id: string;
  name: string;
  title: string;
  /** `metadata_created` and `metadata_modified` as the dict has them. */
  created: string;
  modified: string;
  /** Its place in the index. */
  place: number;
}

export interface PreparedIndex {
  catalogue: CkanIndexCatalogue;
  /** In the index's order (the static pages' order). */
  packages: IndexedPackage[];
  search: SearchIndex;
  /** A package's place by CKAN id, name and our id (`package_show?id=` takes any). */
  packageByKey: Map<string, number>;
  /** The package holding each resource, by resource id. */
  packageByResource: Map<string, number>;
  organizationByKey: Map<string, GroupDict>;
  groupByKey: Map<string, GroupDict>;
  tagByKey: Map<string, TagDict>;
  /** The titles facets are displayed with (`search_facets`): groups, organizations, licences. */
  titles: { groups: Map<string, string>; organization: Map<string, string>; license_id: Map<string, string> };
}

export function prepareIndex(index: CkanIndex): PreparedIndex {
  const { catalogue } = index;
  const builder = new SearchIndexBuilder();
  const packages: IndexedPackage[] = [];
  const packageByKey = new Map<string, number>();
  const packageByResource = new Map<string, number>();
  const related: { place: number; field: string; packageId: string }[] = [];
  for (const [place, json] of index.packages.entries()) {
    // Parsed only here, and dropped: the answers are spliced from the JSON text.
    const dict = JSON.parse(json) as PackageDict;
    const fields = documentFields(dict);
    builder.add(fields);
    packages.push({ json, id: dict.id, name: dict.name, title: dict.title, created: dict.metadata_created, modified: dict.metadata_modified, place });
    for (const relationship of fields.related) related.push({ place, ...relationship });
    for (const resource of dict.resources) packageByResource.set(resource.id, place);
  }
  // CKAN's `Package.get`: by id first, then by name; then our own ids, as the static files answer them.
  for (const keyOf of [(item: IndexedPackage) => item.id, (item: IndexedPackage) => item.name, (item: IndexedPackage) => catalogue.datasetIds[item.id]]) {
    for (const [order, item] of packages.entries()) {
      const key = keyOf(item);
      if (key !== undefined && !packageByKey.has(key)) packageByKey.set(key, order);
    }
  }
  // The relationship fields hold the related datasets' names, known now (places ascending, as the index adds them).
  const relatedNames = new Map<number, Map<string, string[]>>();
  for (const { place, field, packageId } of related) {
    const other = packageByKey.get(packageId);
    if (other === undefined) continue;
    let byField = relatedNames.get(place);
    if (!byField) relatedNames.set(place, (byField = new Map()));
    byField.set(field, [...(byField.get(field) ?? []), packages[other]!.name]);
  }
  for (const [place, byField] of relatedNames) for (const [field, names] of byField) builder.addText(field, place, names, 'text');
  const byIdAndName = <T extends { id: string; name: string }>(items: readonly T[]) => new Map(items.flatMap((item) => [[item.id, item] as const, [item.name, item] as const]));
  return {
    catalogue,
    packages,
    search: builder.build(),
    packageByKey,
    packageByResource,
    organizationByKey: byIdAndName(catalogue.organizations),
    groupByKey: byIdAndName(catalogue.groups),
    tagByKey: byIdAndName(catalogue.tags),
    titles: {
      groups: new Map(catalogue.groups.map((group) => [group.name, group.title])),
      organization: new Map(catalogue.organizations.map((organization) => [organization.name, organization.title])),
      license_id: new Map(catalogue.licences.map((licence) => [licence.id, licence.title])),
    },
  };
}
