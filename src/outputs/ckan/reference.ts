// The CKAN API's part of the /api/ page: every endpoint, each with a live example built from this
// catalogue's own datasets, teams, topics and tags.
import type { Catalogue } from '../../catalogue/model.ts';
import type { EndpointGroup } from '../output.ts';
import { ckanTagName } from './context.ts';
import { datasetUuid } from './ids.ts';

export function ckanReference(catalogue: Catalogue): EndpointGroup[] {
  const { site } = catalogue;
  const dataset = catalogue.datasets[0];
  const team = dataset?.team ?? catalogue.teams[0];
  const topic = dataset?.topics[0] ?? catalogue.topics[0];
  // The first dataset's first tag that has one (not every tag of the catalogue gathered for the first: the pages' stage works this out on every build).
  const tag = catalogue.datasets.find((item) => item.tags.length > 0)?.tags[0];
  const tagName = tag ? encodeURIComponent(ckanTagName(tag.name)) : 'none';
  const name = dataset?.name ?? 'none';
  const uuid = dataset ? datasetUuid(site.url, dataset) : 'none';
  // A dataset's relationships are files only where it has some (the lean layout); its revisions are the request handler's.
  const revisedIds = new Set((catalogue.revisions ?? []).flatMap((revision) => revision.datasets));
  const revised = catalogue.datasets.find((item) => revisedIds.has(item.id));
  const related = catalogue.datasets.find((item) => (item.relationships ?? []).length > 0);
  const action = (endpoint: string, query = '') => `api/3/action/${endpoint}${query ? `?${query}` : ''}`;
  return [
    {
      id: 'action',
      title: 'CKAN Action API (version 3)',
      intro: 'The API CKAN client libraries and harvesters use, under /api/action/ and /api/3/action/. Read-only. Searches (q, fq, sort, facets, any page size) and POST requests are answered where the site runs with datashelf serve (behind nginx or Apache) or as a Cloudflare Worker; a site of static files alone answers the forms listed here, GET only (ckanapi: pass -g), and a CKAN error for the rest. Which host answers what: the table in datashelf\'s docs/hosting.md.',
      endpoints: [
        { name: 'package_list', summary: 'The names of all datasets.', example: action('package_list') },
        { name: 'package_show', summary: 'One dataset, by name, UUID or id.', example: action('package_show', `id=${name}`) },
        { name: 'package_show (by UUID)', summary: 'The same dataset, by its CKAN id: answered on nginx and where the host runs the request handler; Apache\'s .htaccess alone, Netlify without its Edge Function and GitHub Pages answer by name only.', example: action('package_show', `id=${uuid}`) },
        { name: 'package_search', summary: 'Datasets, newest first; rows 100 and start (the first 10 without a query). Static files answer as a CKAN with rows_max 100: a larger rows gets 100 a page, so page by the number received. Other sizes, and up to 1000 rows a page, where the host runs the request handler.', example: action('package_search', 'rows=100&start=0') },
        { name: 'current_package_list_with_resources', summary: 'Datasets with their files: the first 10 without a query, the first 100 with limit=100. Later pages (offset) and other sizes where the host runs the request handler; package_search has the same datasets in the same order.', example: action('current_package_list_with_resources', 'limit=100&offset=0') },
        { name: 'organization_list', summary: 'The names of the publishing teams.', example: action('organization_list') },
        { name: 'organization_show', summary: 'One team.', example: action('organization_show', `id=${team?.id ?? 'none'}`) },
        { name: 'group_list', summary: 'The names of the topics.', example: action('group_list') },
        { name: 'group_show', summary: 'One topic.', example: action('group_show', `id=${topic?.id ?? 'none'}`) },
        { name: 'tag_list', summary: 'Every tag.', example: action('tag_list') },
        { name: 'tag_show', summary: 'One tag.', example: action('tag_show', `id=${tagName}`) },
        { name: 'license_list', summary: 'The licences datasets use.', example: action('license_list') },
        { name: 'status_show', summary: 'About this site.', example: action('status_show') },
        { name: 'site_read', summary: 'Whether the site can be read (always true).', example: action('site_read') },
      ],
    },
    {
      id: 'legacy',
      title: 'CKAN API versions 1 and 2',
      intro: 'The older Model and Search APIs. Version 1 refers to datasets by name, version 2 by id, and each looks a dataset up the way it refers to it.',
      endpoints: [
        { name: 'dataset register (v1)', summary: 'Dataset names.', example: 'api/rest/dataset' },
        { name: 'dataset register (v2)', summary: 'Dataset ids.', example: 'api/2/rest/dataset' },
        { name: 'dataset entity', summary: 'One dataset, by name or id. Answered where the host runs the request handler (datashelf serve behind nginx or Apache, the Cloudflare Worker, the Netlify Edge Function); static files alone answer "Not found": use package_show.', example: `api/rest/dataset/${name}` },
        ...(revised ? [{ name: 'dataset revisions', summary: 'The changes to one dataset, from the Git history. Where the host runs the request handler, as the dataset entity.', example: `api/rest/dataset/${revised.name}/revisions` }] : []),
        ...(related ? [{ name: 'dataset relationships', summary: "One dataset's relationships.", example: `api/rest/dataset/${related.name}/relationships` }] : []),
        { name: 'group register', summary: 'Topic names.', example: 'api/rest/group' },
        { name: 'tag register', summary: 'Tag names.', example: 'api/rest/tag' },
        { name: 'revision register', summary: 'Recent revisions (Git commits).', example: 'api/rest/revision' },
        { name: 'licenses', summary: 'The licence list.', example: 'api/rest/licenses' },
        { name: 'search dataset', summary: 'Every dataset, newest first; limit 100 or 1000 and offset, and the first 10. Other pages of 10, and by tag, group or organization, where the host runs the request handler.', example: 'api/search/dataset?limit=10&offset=0' },
        { name: 'tag_counts', summary: 'Each tag with the number of datasets using it.', example: 'api/tag_counts' },
      ],
    },
  ];
}
