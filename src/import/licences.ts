// A source's licences as the catalogue's licence ids: a licence the catalogue already has (built
// in, or in content/licences.yaml) is matched by id, URL or title; any other is defined anew.
import { licenceIdSchema, type Licence } from '../catalogue/schema.ts';
import { slugify } from './slug.ts';

// CKAN's own licence ids (ckan/model/license.py) and SPDX ids for the built-in licences.
const knownAliases: Record<string, string> = {
  'uk-ogl': 'ogl-v3',
  'ogl-uk-3.0': 'ogl-v3',
  'ogl-uk': 'ogl-v3',
  'cc-by': 'cc-by-4.0',
  'cc-by-4.0': 'cc-by-4.0',
  'cc-by-sa': 'cc-by-sa-4.0',
  'cc-by-sa-4.0': 'cc-by-sa-4.0',
  'cc-zero': 'cc0-1.0',
  'cc0-1.0': 'cc0-1.0',
  'cc0': 'cc0-1.0',
  'odc-by': 'odc-by',
  'odc-by-1.0': 'odc-by',
  'odc-odbl': 'odc-odbl',
  'odbl-1.0': 'odc-odbl',
  'odc-pddl': 'odc-pddl',
  'pddl-1.0': 'odc-pddl',
  'other-closed': 'other-closed',
};

// URLs that name a built-in licence without being its own URL.
const knownUrls: Record<string, string> = {
  'opendefinition.org/licenses/cc-zero': 'cc0-1.0',
  'opendefinition.org/licenses/cc-by': 'cc-by-4.0',
  'opendefinition.org/licenses/cc-by-sa': 'cc-by-sa-4.0',
  'opendefinition.org/licenses/odc-odbl': 'odc-odbl',
  'opendefinition.org/licenses/odc-by': 'odc-by',
  'opendefinition.org/licenses/odc-pddl': 'odc-pddl',
  'reference.data.gov.uk/id/open-government-licence': 'ogl-v3',
};

const urlKey = (url: string) =>
  url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');

const titleKey = (title: string) => title.trim().toLowerCase().replace(/\s+/g, ' ');

export interface SourceLicence {
  id?: string | null;
  title?: string | null;
  url?: string | null;
  /** Whether the source says it is open; unknown licences are taken as not open. */
  open?: boolean | null;
}

export class LicenceMap {
  private readonly byId = new Map<string, Licence>();
  private readonly byUrl = new Map<string, string>();
  private readonly byTitle = new Map<string, string>();
  private readonly added = new Map<string, Licence>();

  constructor(known: Licence[]) {
    for (const licence of known) this.remember(licence);
  }

  private remember(licence: Licence): void {
    this.byId.set(licence.id.toLowerCase(), licence);
    if (licence.url) this.byUrl.set(urlKey(licence.url), licence.id);
    this.byTitle.set(titleKey(licence.title), licence.id);
  }

  /** The catalogue's id for a source's licence, defining a new one when none matches; null when the source names none. */
  resolve(source: SourceLicence): string | null {
    const id = source.id?.trim() || null;
    const title = source.title?.trim() || null;
    const url = source.url?.trim() || null;
    if (!id && !title && !url) return null;
    if (id) {
      const known = this.byId.get(id.toLowerCase());
      if (known) return known.id;
      const alias = knownAliases[id.toLowerCase()];
      if (alias && this.byId.has(alias)) return this.byId.get(alias)!.id;
    }
    if (url) {
      const key = urlKey(url);
      const match = this.byUrl.get(key) ?? Object.entries(knownUrls).find(([prefix]) => key.startsWith(prefix))?.[1];
      if (match && this.byId.has(match.toLowerCase())) return this.byId.get(match.toLowerCase())!.id;
    }
    if (title) {
      const match = this.byTitle.get(titleKey(title));
      if (match) return match;
    }
    const wanted = id && licenceIdSchema.safeParse(id).success ? id : slugify(title ?? id ?? url ?? 'licence') || 'licence';
    let newId = wanted;
    for (let n = 2; this.byId.has(newId.toLowerCase()); n++) newId = `${wanted}-${n}`;
    const licence: Licence = { id: newId, title: title ?? id ?? newId, ...(url && /^https?:\/\//i.test(url) ? { url } : {}), open: source.open ?? false };
    this.remember(licence);
    this.added.set(newId, licence);
    return newId;
  }

  /** The licences this import defined, for content/licences.yaml, sorted by id. */
  definitions(): Licence[] {
    return [...this.added.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
