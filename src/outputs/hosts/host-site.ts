// What a host configuration needs to know of the catalogue.
import type { Site } from '../../catalogue/model.ts';

export interface HostSite {
  /** The site's path on its host, `/` or `/data/`: every path the configuration names starts with it. */
  basePath: string;
  /** The host name of the canonical URL (nginx's `server_name`). */
  serverName: string;
  /** Named in the opening comment. */
  title: string;
}

export function hostSite(site: Site): HostSite {
  return { basePath: site.basePath, serverName: new URL(site.url).hostname, title: site.title };
}
