// Every link between pages goes through here, so a catalogue served under a sub-path works.
import type { Site } from '../catalogue/model.ts';

/** Site-relative href for `path` (no leading slash), e.g. `dataset/foi/`. */
export function href(site: Site, path = ''): string {
  return `${site.basePath}${path}`;
}

export const datasetPath = (id: string) => `dataset/${id}/`;
export const topicPath = (id: string) => `topic/${id}/`;
export const teamPath = (id: string) => `team/${id}/`;
export const tagPath = (slug: string) => `tag/${encodeURIComponent(slug)}/`;
