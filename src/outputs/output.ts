// What every output of a build says about itself, once: the files it writes (in named parts, so a
// build can say where its time goes), where it runs, and what it offers pages to link to. Pages,
// the /api/ page and the host configurations are derived from the outputs a build enables, so
// nothing links to a file that was not written.
import type { Catalogue } from '../catalogue/model.ts';

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
  /** Also offered on every dataset's page (downloads of the whole catalogue). */
  onDatasetPages?: boolean;
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
  /** Disk-bound outputs (many small files) are written on a second thread while pages render. */
  thread: 'main' | 'api';
  parts: OutputPart[];
  describe: (catalogue: Catalogue) => OutputDescription;
}
