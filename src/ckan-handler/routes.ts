// Which CKAN API paths the handler answers, as CKAN's routes (`ckan/views/api.py`; the Search API of
// CKAN 2.7's `controllers/api.py`) name them, under the site's base path: the API roots, the
// actions, the dataset search of every API version, and API v1/v2's dataset entity and revisions
// (`/api/{1,2}/rest/dataset/<ref>[/revisions]`, `/api/rest/…` as v1: the build writes no file for
// them, docs/decisions/lean-layout.md). Other API paths (the rest of the Model API, the resource
// and revision searches, `tag_counts`) are the static files' alone.
import { folderAnswerName } from '../outputs/ckan/paths.ts';

export type CkanRoute =
  /** `/api` (1, as CKAN's default), `/api/1`, `/api/2`, `/api/3`; and `/api/action`, `/api/3/action` (3). */
  | { kind: 'root'; version: 1 | 2 | 3 }
  | { kind: 'action'; name: string }
  /** `/api/search/dataset` (v1), `/api/<v>/search/dataset`; `package` is CKAN's old name for `dataset`. */
  | { kind: 'search'; version: 1 | 2 | 3 }
  /** `/api/rest/dataset/<ref>` (v1), `/api/<v>/rest/dataset/<ref>`, and `…/revisions`: `ref` decoded, a name or an id. */
  | { kind: 'dataset'; version: 1 | 2; ref: string; part: 'entity' | 'revisions' };

const versions: Record<string, 1 | 2 | 3> = { '1': 1, '2': 2, '3': 3 };

/** The route of a URL path (as `URL.pathname` gives it, percent-encoded) under `basePath`, or null. */
export function ckanRoute(pathname: string, basePath: string): CkanRoute | null {
  if (!pathname.startsWith(basePath)) return null;
  let segments: string[];
  try {
    segments = pathname.slice(basePath.length).split('/').map(decodeURIComponent);
  } catch {
    return null;
  }
  // A trailing slash answers as the path without it (static hosts serve both).
  if (segments.length > 1 && segments.at(-1) === '') segments.pop();
  if (segments[0] !== 'api') return null;
  const rest = restRoute(segments.slice(1));
  if (rest) return rest;
  const [, first, second, third, ...more] = segments;
  if (more.length > 0) return null;
  if (first === undefined) return { kind: 'root', version: 1 };
  const version = versions[first];
  if (version !== undefined && second === undefined) return { kind: 'root', version };
  const [kind, name, extra] = version === undefined ? [first, second, third] : [second, third, undefined];
  if (extra !== undefined) return null;
  if (kind === 'action' && (version === undefined || version === 3)) return name === undefined ? { kind: 'root', version: 3 } : name === '' ? null : { kind: 'action', name };
  if (kind === 'search' && (name === 'dataset' || name === 'package')) return { kind: 'search', version: version ?? 1 };
  return null;
}

/** The Model API's dataset paths after `api/`: `[1|2/]rest/dataset/<ref>[/revisions]`. */
function restRoute(segments: string[]): CkanRoute | null {
  const version = segments[0] === '1' ? 1 : segments[0] === '2' ? 2 : null;
  const [rest, register, ref, part, ...more] = version === null ? segments : segments.slice(1);
  // `index.json` is the register's own file (`/rest/dataset/index.json`), never a dataset's key.
  if (rest !== 'rest' || register !== 'dataset' || ref === undefined || ref === '' || ref === folderAnswerName || more.length > 0) return null;
  if (part !== undefined && part !== 'revisions') return null;
  return { kind: 'dataset', version: version ?? 1, ref, part: part === undefined ? 'entity' : 'revisions' };
}
