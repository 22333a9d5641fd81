// Every link between pages goes through here, so a catalogue served under a sub-path works.
import type { Image, Site } from '../catalogue/model.ts';

/** Site-relative href for `path` (no leading slash), e.g. `dataset/foi/`. */
export function href(site: Site, path = ''): string {
  return `${site.basePath}${path}`;
}

export const datasetPath = (id: string) => `dataset/${id}/`;
export const datasetsPath = 'datasets/';
export const topicsPath = 'topics/';
export const teamsPath = 'teams/';
/** Every tag (src/pages/tags/index.astro). */
export const tagsPath = 'tags/';
export const apiPath = 'api/';
export const accessibilityPath = 'accessibility/';
/** The publishers' review report: linked from no public page. */
export const reviewReportPath = 'reports/review/';
/** The id of a local file's preview section on its dataset's page (src/site/components/FilePreview.astro). */
export const filePreviewAnchor = (resourceId: string) => `preview-${resourceId}`;
/** A link to that section from the dataset's own page: the anchor, percent-encoded as a fragment. */
export const filePreviewHash = (resourceId: string) => `#${encodeURIComponent(filePreviewAnchor(resourceId))}`;
/** A link to that section from anywhere. */
export const filePreviewPath = (datasetId: string, resourceId: string) => `${datasetPath(datasetId)}${filePreviewHash(resourceId)}`;
/**
 * Where a file's preview was a page of its own until 2026-12: no file now; the 404 page sends a
 * reader who kept the address to the section (src/pages/404.astro, `previewMovedScript`).
 */
export const formerFilePreviewPattern = /^dataset\/([^/]+)\/preview\/([^/]+)\/?$/;
export const topicPath = (id: string) => `topic/${id}/`;
export const teamPath = (id: string) => `team/${id}/`;
export const tagPath = (slug: string) => `tag/${encodeURIComponent(slug)}/`;

/** `download/foi/k93/FOI 2024.csv` → `download/foi/k93/FOI%202024.csv`: each segment escaped once. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * An absolute URL of this site (as the model writes them, from the canonical `url`) made into a
 * site-relative href, so it also works on a preview or a staging host; other URLs are kept.
 */
export function localHref(site: Site, absoluteUrl: string): string {
  return absoluteUrl.startsWith(site.url) ? href(site, absoluteUrl.slice(site.url.length)) : absoluteUrl;
}

const absoluteUrlPattern = /^[a-z][a-z0-9+.-]*:/i;

/** Where the browser finds an image: a local one under the site's base, an external one as given. */
export function imageSrc(site: Site, image: Pick<Image, 'href'>): string {
  return absoluteUrlPattern.test(image.href) ? image.href : href(site, encodePath(image.href.replace(/^\/+/, '')));
}
