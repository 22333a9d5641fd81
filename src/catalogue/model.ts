// The validated catalogue: plain data that every page, export and API is a pure function of.
// It knows nothing of Astro or of output formats; input shapes come from schema.ts.
import type { Contact, CustomFieldDefinition, Licence, Place, PublisherType, RelationshipType, Topic } from './schema.ts';

export type { Contact, CustomFieldDefinition, Licence, Place, PublisherType, Topic };

export interface Site {
  title: string;
  description: string;
  /** Canonical base URL, always ending in `/`. */
  url: string;
  /** The path part of `url` (`/` or `/data/`), prefixed to every site link. */
  basePath: string;
  language: string;
  /** `type`: what kind of organisation it is (DCAT-AP's dct:type of an agent), when catalogue.yaml says. */
  publisher: { name: string; url: string | null; email: string | null; type: PublisherType | null };
  /** The area the catalogue covers (DCAT-AP's dct:spatial), when catalogue.yaml names one. */
  spatial: Place | null;
  contact: Contact | null;
  defaultLicence: Licence | null;
  editUrl: string | null;
  customFields: CustomFieldDefinition[];
}

/** An image published with the site: `href` is site-relative (from content/) or absolute. */
export interface Image {
  href: string;
  /** Absolute path of the source file inside content/, or null for an external image. */
  sourcePath: string | null;
  /** Where a local image is published, relative to the site root (e.g. `media/river.svg`). */
  publishedPath: string | null;
}

export interface Team {
  id: string;
  title: string;
  description: string | null;
  email: string | null;
  url: string | null;
  image: Image | null;
  /** Its own kind of organisation in teams.yaml, else the publisher's: a team is part of the publisher. */
  type: PublisherType | null;
}

export interface Masthead {
  id: string;
  title: string;
  image: Image;
}

export interface Resource {
  id: string;
  /** Its id in the CKAN portal it came from (a UUID), kept as its CKAN id; null: the CKAN id is derived. */
  ckanId: string | null;
  title: string;
  description: string | null;
  /** The dataset this resource belongs to. */
  datasetId: string;
  /** 0-based order within the dataset, as written. */
  position: number;
  /** A file published with the site, or a link to a file elsewhere. */
  kind: 'file' | 'url';
  /** Absolute download URL (for a local file, under /download/). */
  url: string;
  filename: string;
  /** Upper-case format name, e.g. CSV, XLSX, GEOJSON. */
  format: string;
  mediaType: string | null;
  size: number | null;
  /** MD5 of the file, hex. */
  hash: string | null;
  /** Time of the file's last change, `YYYY-MM-DDTHH:MM:SS` in UTC, as DataPress writes it. */
  timestamp: string | null;
  timeFrameFrom: string | null;
  timeFrameTo: string | null;
  /** For a local file: its absolute path inside content/, to publish it. */
  sourcePath: string | null;
  /** For a local file: where it is published, relative to the site root. */
  publishedPath: string | null;
  /** What a local CSV, TSV, XLSX or GeoJSON file holds, read at build time; null for other files. */
  preview: FilePreview | null;
  /** A file elsewhere: the status of its last link check (`datashelf qa`; null: no answer), and when; both null when never checked. */
  httpStatus: number | null;
  qaTimestamp: string | null;
}

/** What a column's values all are (Frictionless Table Schema: integer, number, date, datetime, boolean, string). */
export type ColumnType = 'integer' | 'decimal' | 'date' | 'datetime' | 'boolean' | 'text';

/** What the publisher wrote about a column in the dataset's front matter. */
export interface ColumnDescription {
  name: string;
  description: string | null;
  unit: string | null;
}

/** One column of a table as the file shows it, with the publisher's description when there is one. */
export interface Column extends ColumnDescription {
  type: ColumnType;
  /** Empty cells among the profiled rows. */
  emptyCells: number;
  /** The first non-empty value, as the file writes it. */
  example: string | null;
}

/** The first rows of a table (a CSV, or an XLSX file's first sheet) and its columns. */
export interface TablePreview {
  kind: 'table';
  /** The sheet shown, for a workbook. */
  sheet: string | null;
  columns: Column[];
  /** The first rows after the header, each cell as text, at most as many as there are columns. */
  rows: string[][];
  /** Data rows in the whole file (the header not counted); null when the file could not be read to its end. */
  rowCount: number | null;
  /** How many rows the column types and empty counts are taken from (all of them, or the first so many). */
  profiledRows: number;
  /** Why the file could not be read whole (a malformed row, say): shown on the page, never fatal. */
  problem: string | null;
}

/** What a GeoJSON file covers. */
export interface GeoSummary {
  kind: 'geojson';
  featureCount: number;
  geometryTypes: string[];
  /** [west, south, east, north] in the file's coordinates; null when it has no coordinates. */
  bbox: [number, number, number, number] | null;
  problem: string | null;
}

export type FilePreview = TablePreview | GeoSummary;

export interface Link {
  id: string;
  title: string;
  url: string;
  description: string | null;
  datasetId: string;
  position: number;
  httpStatus: number | null;
  size: number | null;
  mimetype: string | null;
  hash: string | null;
  qaTimestamp: string | null;
}

export interface Relationship {
  type: RelationshipType;
  /** The other dataset's id. */
  dataset: string;
  comment: string | null;
}

export interface Dataset {
  id: string;
  /** CKAN name (slug); defaults to id. */
  name: string;
  /** Its id in the CKAN portal it came from (a UUID), kept as its CKAN id; null: the CKAN id is derived. */
  ckanId: string | null;
  title: string;
  /** Absolute URL of the dataset page. */
  webpage: string;
  /** The Markdown body as written. */
  descriptionMarkdown: string;
  /** The body rendered to HTML and sanitised: safe to insert as markup. */
  descriptionHtml: string;
  /** The body as plain text (for summaries, CSV and search). */
  descriptionText: string;
  team: Team;
  masthead: Masthead | null;
  tags: Tag[];
  topics: Topic[];
  licence: Licence | null;
  contact: Contact | null;
  nextReviewDate: string | null;
  /** The area the dataset covers: its own `spatial`, else the catalogue's. */
  spatial: Place | null;
  sharing: 'public' | 'private';
  /** Values of the catalogue's custom fields, in the order the catalogue defines them. */
  custom: Record<string, string | string[]>;
  /** ISO 8601 with milliseconds and Z, or null when unknown. */
  createdAt: string | null;
  updatedAt: string | null;
  resources: Resource[];
  links: Link[];
  relationships: Relationship[];
  /** Path of the dataset's file relative to content/ (for "edit this dataset"). */
  sourceFile: string;
  /** Link to edit the dataset's file in the Git host, from catalogue.yaml `editUrl`. */
  editUrl: string | null;
}

export interface Tag {
  name: string;
  /** URL segment for /tag/<slug>/; tags differing only in case or punctuation share it. */
  slug: string;
}

/**
 * A commit that changed content/: CKAN's revision. In a public build it names only public
 * datasets, and a commit that also touched a private dataset carries a neutral message.
 */
export interface Revision {
  /** The commit hash. */
  id: string;
  message: string;
  /** The author's name; never an e-mail address. */
  author: string;
  /** Commit time, ISO 8601 with milliseconds and Z. */
  timestamp: string;
  /** Ids of the datasets in this build whose files the commit changed, sorted. */
  datasets: string[];
}

export interface Catalogue {
  site: Site;
  topics: Topic[];
  teams: Team[];
  mastheads: Masthead[];
  licences: Licence[];
  /** Sorted by id. In a public build, private datasets are not here at all. */
  datasets: Dataset[];
  /** True for a build made with --include-private. */
  includesPrivate: boolean;
  /** The commits that changed content/, newest first; empty outside Git. */
  revisions: Revision[];
  /** The build's day, `YYYY-MM-DD`: what review dates are measured against (review.ts `buildDay`). */
  today: string;
}

// What validation leaves, before derivation adds what needs the files' bytes, Git or the Markdown
// renderer (derive.ts). `datashelf check` and `datashelf new` stop here; a build goes on.

/** A resource, checked: its file exists inside content/ and has been measured, but not hashed or dated. */
export type CheckedResource = Omit<Resource, 'hash' | 'timestamp' | 'preview'> & {
  /** The columns the front matter describes, checked against the file's header. */
  describedColumns: ColumnDescription[];
};

/** A dataset, checked: every reference resolved, its files found; no dates from Git, no HTML yet. */
export interface CheckedDataset extends Omit<Dataset, 'descriptionHtml' | 'descriptionText' | 'createdAt' | 'updatedAt' | 'resources'> {
  resources: CheckedResource[];
  /** The dates the front matter sets (ISO 8601 with milliseconds and Z); Git gives the others. */
  writtenDates: { createdAt: string | null; updatedAt: string | null };
  /** Absolute path of the dataset's file. */
  file: string;
}

/** The whole content, checked: every dataset, private ones included, sorted by id. */
export interface CheckedCatalogue extends Omit<Catalogue, 'datasets' | 'includesPrivate' | 'revisions' | 'today'> {
  /** Absolute path of the content folder. */
  contentDir: string;
  datasets: CheckedDataset[];
}
