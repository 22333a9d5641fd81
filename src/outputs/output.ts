// What every output of a build says about itself, once: the files it writes (in named parts, so a
// build can say where its time goes), where it runs, what it offers pages to link to, and how hosts
// serve its files. Pages, the /api/ page, the host configurations and the preview are derived from
// the outputs a build enables, so nothing links to a file that was not written, and no host answers
// for an output the build left out.
import type { Catalogue } from '../catalogue/model.ts';
import type { OutputHostRules } from './hosts/rules.ts';

export interface OutputPart {
  name: string;
  write: (catalogue: Catalogue, outDir: string) => Promise<unknown>;
}

/** A whole-catalogue link an output offers the pages (home page, footer). */
export interface OfferedLink {
  /** Site-relative path, no leading slash; may carry a query. */
  path: string;
  label: string;
  /** A shorter label for the site's footer: only links that have one are listed there. */
  footerLabel?: string;
}

/** A link from each dataset's page. */
export interface DatasetLinkTemplate {
  label: string;
  /** Site-relative path in which `{id}` stands for the dataset's id. */
  path: string;
}

/** One row of the /api/ page. */
export interface Endpoint {
  /** What a consumer calls it: the CKAN action, the file, the resource of the older APIs. */
  name: string;
  summary: string;
  /** Site-relative example URL (no leading slash), live on this site. */
  example: string;
}

/** One section of the /api/ page. */
export interface EndpointGroup {
  id: string;
  title: string;
  intro: string;
  endpoints: Endpoint[];
}

export interface OutputDescription {
  /** One sentence for the home page's developers' section: what this output lets a program do. */
  summary: string;
  links: OfferedLink[];
  datasetLinks: DatasetLinkTemplate[];
  reference: EndpointGroup[];
}

export interface Output {
  id: string;
  /**
   * Where and when it is written. `main`: on the main thread, once the pages are rendered. `api`:
   * on the build's writer thread while the pages render (disk-bound outputs: many small files;
   * Astro's process keeps one core busy meanwhile). `after-pages`: on the same thread, once the
   * `api` outputs are written and the pages are rendered, beside the main thread's outputs
   * (CPU-bound outputs: during the pages they slowed Astro as much as they saved). One thread for
   * both: each thread is an isolate that compiles and optimises the code again and takes its own
   * copy of the catalogue (build/api-thread.ts).
   */
  thread: 'main' | 'api' | 'after-pages';
  /** On the writer thread, the only output after the `api` ones: the part of the catalogue its parts read, kept there (or, with no `api` outputs, handed to it) instead of the whole catalogue. */
  threadInput?: (catalogue: Catalogue) => unknown;
  /** Its parts read no more of the catalogue than the writer thread's input (build/writer-input.ts: no previews' rows, no source paths): that thread may be handed only that. */
  readsWriterInput?: true;
  parts: OutputPart[];
  describe: (catalogue: Catalogue) => OutputDescription;
  /** Extension → media type of the files it writes that have one: every host sends them so. */
  mediaTypes: Readonly<Record<string, string>>;
  /** Its part of the hosts' rules, when requests other than its files' own paths must find them (an API's query forms). */
  hostRules?: OutputHostRules;
}
