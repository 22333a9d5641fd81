// Links to a build's outputs, as pages show them to developers: through the site's base for the
// link, and the canonical URL to copy.
import type { Dataset, Site } from '../catalogue/model.ts';
import type { SiteOutputs } from '../outputs/index.ts';
import { href } from './links.ts';

export interface OutputLink {
  label: string;
  /** Site-relative href, for the link itself. */
  href: string;
  /** The canonical URL, shown to developers to copy. */
  url: string;
}

function outputLink(site: Site, label: string, path: string): OutputLink {
  return { label, href: href(site, path), url: `${site.url}${path}` };
}

/** Every whole-catalogue link the outputs offer (home page). */
export function catalogueLinks(site: Site, outputs: SiteOutputs): OutputLink[] {
  return outputs.links.map((link) => outputLink(site, link.label, link.path));
}

/** The short list for the site's footer. */
export function footerLinks(site: Site, outputs: SiteOutputs): OutputLink[] {
  return outputs.links.flatMap((link) => (link.footerLabel ? [outputLink(site, link.footerLabel, link.path)] : []));
}

/**
 * This dataset in the outputs that answer for it. The whole catalogue's downloads are not repeated
 * on every dataset's page (a kilobyte a page, issue 9): the page links the /api/ page, which lists
 * them, and the footer the main ones.
 */
export function datasetLinks(site: Site, outputs: SiteOutputs, dataset: Pick<Dataset, 'id'>): OutputLink[] {
  return outputs.datasetLinks.map((link) => outputLink(site, link.label, link.path.replaceAll('{id}', encodeURIComponent(dataset.id))));
}
